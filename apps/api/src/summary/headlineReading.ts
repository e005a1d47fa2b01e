import { withLabelFilters, type LabelFilters } from '@promwall/core/promql';
import type { HeadlineValue, InstanceValue, LinkedAlert, Sources } from '@promwall/core/schemas';
import { sourcesQuery } from '@promwall/core/sources';
import { tileState } from '@promwall/core/tileState';
import type { MetricConfig } from '../config.ts';
import { sampleValue, type VectorSample } from '../upstream/queryResult.ts';
import { UpstreamError } from '../upstream/upstream.client.ts';
import { highest } from './highest.ts';

const compareText = new Intl.Collator('en').compare;

// One upstream query per headline metric carries three kinds of row, told apart by a label:
// the headline figure, the per-instance split, and the `up` series of the targets feeding them.
const HEADLINE_LABEL = 'promwall_headline';
const SOURCE_LABEL = 'promwall_source';

/** A headline metric's query, its per-instance split and its sources, as one PromQL expression,
 * with the filters added as matchers to every selector. */
export function headlineQuery(metric: MetricConfig, filters: LabelFilters): { query: string; combined: string } {
  const query = withLabelFilters(metric.query, filters);
  const parts = [`label_replace(${query}, "${HEADLINE_LABEL}", "1", "", "")`];
  if (metric.byInstanceQuery) parts.push(`(${withLabelFilters(metric.byInstanceQuery, filters)})`);
  const sources = sourcesQuery(metric.query);
  if (sources) parts.push(`label_replace(${withLabelFilters(sources, filters)}, "${SOURCE_LABEL}", "1", "", "")`);
  return { query, combined: parts.join(' or ') };
}

function countSources(rows: readonly VectorSample[]): Sources {
  const up = rows.filter((row) => row.value[1] === '1').length;
  return { up, down: rows.length - up };
}

/**
 * The answer to a headline query as the summary gives it: the figure with its time, status and
 * sources, and a row per instance. An instance whose targets are all down has a row even once
 * its series are gone, so that it reads "source down" rather than vanishing.
 */
export function readHeadline(
  metric: MetricConfig,
  query: string,
  rows: readonly VectorSample[],
  alerts: LinkedAlert[],
  maxInstances: number,
): HeadlineValue | UpstreamError {
  const headlineRows = rows.filter((row) => row.metric[HEADLINE_LABEL] === '1');
  const sourceRows = rows.filter((row) => row.metric[SOURCE_LABEL] === '1');
  const instanceRows = rows.filter((row) => row.metric[HEADLINE_LABEL] !== '1' && row.metric[SOURCE_LABEL] !== '1');
  if (headlineRows.length > 1) {
    return new UpstreamError(
      'query',
      502,
      'ambiguous_query',
      `the ${metric.key} query returned ${headlineRows.length} series; a headline query must return one (wrap it in sum() or avg())`,
    );
  }
  const headline = headlineRows[0];
  const value = headline ? sampleValue(headline.value[1]) : null;
  const sources = countSources(sourceRows);
  const state = tileState({ value, thresholds: metric.thresholds, sources, alerts });

  const values = new Map(instanceRows.map((row) => [row.metric.instance ?? '', sampleValue(row.value[1])]));
  if (metric.byInstanceQuery) {
    for (const row of sourceRows)
      if (!values.has(row.metric.instance ?? '')) values.set(row.metric.instance ?? '', null);
  }
  const instances = [...values].map(([instance, instanceValue]): InstanceValue => {
    const fed = countSources(sourceRows.filter((row) => (row.metric.instance ?? '') === instance));
    const { status, reason } = tileState({ value: instanceValue, thresholds: metric.thresholds, sources: fed });
    return { instance, value: instanceValue, status, reason, sources: fed };
  });
  // Past the cap, the instances an operator looks for first are kept: those whose source is down,
  // then the highest values.
  const byInstance = highest(instances, maxInstances, (row) =>
    row.reason === 'source_down' ? Number.POSITIVE_INFINITY : row.value,
  );

  return {
    value,
    sampledAt: headline ? new Date(headline.value[0] * 1000).toISOString() : null,
    unit: metric.unit,
    status: state.status,
    reason: state.reason,
    thresholds: metric.thresholds,
    sources,
    alerts,
    query,
    byInstance: byInstance.kept.sort((a, b) => compareText(a.instance, b.instance)),
    ...(byInstance.truncated ? { byInstanceTruncated: byInstance.truncated } : {}),
    error: null,
  };
}

/** A metric whose query failed: no value, its own error, and the rest of the summary unharmed. */
export function failedHeadline(
  metric: MetricConfig,
  filters: LabelFilters,
  error: UpstreamError,
  alerts: LinkedAlert[],
): HeadlineValue {
  return {
    value: null,
    sampledAt: null,
    unit: metric.unit,
    status: 'unknown',
    reason: 'failed',
    thresholds: metric.thresholds,
    sources: { up: 0, down: 0 },
    alerts,
    query: withLabelFilters(metric.query, filters),
    byInstance: [],
    error: { code: error.code, message: error.message },
  };
}
