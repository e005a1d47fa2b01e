import type { Labels } from '../../api/prometheus.ts';

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * PromQL's double-quoted string: JSON's escapes (\" \\ \n …) are a subset of the Go escapes
 * PromQL reads, so the JSON encoding of a string is a PromQL literal of it.
 */
const quote = (text: string) => JSON.stringify(text);

/** A series split for display: the metric name, then `name="value"` matchers sorted by name. */
export interface SeriesParts {
  /** The metric name when it can stand before the braces; empty otherwise. */
  name: string;
  /** Label names (quoted when PromQL needs it) with their quoted values; a metric name that
   * must be quoted comes first, without a value. */
  labels: { name: string; value?: string }[];
}

/**
 * The parts of `metric{a="b"}`. A metric name PromQL cannot write bare (Prometheus 3 allows
 * UTF-8 names) goes inside the braces as a quoted string, first, as PromQL writes it.
 */
export function seriesParts(metric: Labels): SeriesParts {
  const { __name__: metricName, ...rest } = metric;
  const labels = Object.keys(rest)
    .sort()
    .map((name) => ({ name: LEGACY_LABEL_NAME.test(name) ? name : quote(name), value: quote(rest[name]!) }));
  if (metricName === undefined || LEGACY_METRIC_NAME.test(metricName)) return { name: metricName ?? '', labels };
  return { name: '', labels: [{ name: quote(metricName) }, ...labels] };
}

/** A series as PromQL writes it: `up{instance="a:9100", job="node"}`, `{}` for no labels. */
export function formatSeries(metric: Labels): string {
  const { name, labels } = seriesParts(metric);
  const matchers = labels.map((label) => (label.value === undefined ? label.name : `${label.name}=${label.value}`));
  if (name !== '' && matchers.length === 0) return name;
  return `${name}{${matchers.join(', ')}}`;
}
