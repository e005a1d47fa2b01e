import { formatDuration, parseDuration } from '@promwall/core/duration';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';

/** What `/embed/{name}` shows: one headline tile, one headline chart, or a wall's alerts or targets. */
export type EmbedPanel =
  | { kind: 'tile'; metric: HeadlineKey }
  | { kind: 'chart'; metric: HeadlineKey }
  | { kind: 'alerts' }
  | { kind: 'targets' };

/** A name the embeds answered before every view used the metric's own id: where it lives now. */
export interface MovedPanel {
  movedTo: string;
}

const CHART_VIEW = 'chart';

/** The path of a panel, relative to the base path: `/embed/latencyP95`, `/embed/latencyP95/chart`. */
export function embedPath(panel: EmbedPanel): string {
  if (panel.kind === 'alerts' || panel.kind === 'targets') return `/embed/${panel.kind}`;
  return panel.kind === 'chart' ? `/embed/${panel.metric}/${CHART_VIEW}` : `/embed/${panel.metric}`;
}

/** Every name /embed answers, as the error message lists them. */
export const EMBED_PANEL_NAMES: readonly string[] = [
  ...headlineKeys,
  ...headlineKeys.map((key) => `${key}/${CHART_VIEW}`),
  'alerts',
  'targets',
];

/** `db-connections` and `dbconnections` were once accepted for `dbConnections`. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const LEGACY_CHART_SUFFIX = '-chart';

function legacyMetric(name: string): HeadlineKey | undefined {
  const wanted = name.toLowerCase();
  return headlineKeys.find((key) => key.toLowerCase() === wanted || kebab(key) === wanted);
}

/**
 * The panel at `/embed/{name}` or `/embed/{name}/chart`. A headline metric is named by its id,
 * as everywhere in Promwall; the older spellings (`latency-p95`, `cpu-chart`) lead to their new
 * path.
 */
export function parseEmbedPanel(name: string, view?: string): EmbedPanel | MovedPanel | undefined {
  const metric = headlineKeys.find((key) => key === name);
  if (view !== undefined) {
    return metric && view === CHART_VIEW ? { kind: 'chart', metric } : undefined;
  }
  if (metric) return { kind: 'tile', metric };
  if (name === 'alerts' || name === 'targets') return { kind: name };
  const lower = name.toLowerCase();
  const chart = lower.endsWith(LEGACY_CHART_SUFFIX);
  const legacy = legacyMetric(chart ? lower.slice(0, -LEGACY_CHART_SUFFIX.length) : lower);
  if (!legacy) return undefined;
  return { movedTo: embedPath(chart ? { kind: 'chart', metric: legacy } : { kind: 'tile', metric: legacy }) };
}

export const DEFAULT_CHART_RANGE_MS = 3_600_000;
const MIN_CHART_RANGE_MS = 300_000;
const MAX_CHART_RANGE_MS = 7 * 86_400_000;

/** A chart's `range=` (5m to 7d, 1h by default); `ignored` holds a value that does not parse. */
export function parseChartRange(search: string): { range: string; ignored?: string } {
  const text = new URLSearchParams(search).get('range');
  if (text === null) return { range: formatDuration(DEFAULT_CHART_RANGE_MS) };
  const ms = parseDuration(text);
  if (ms !== undefined && ms >= MIN_CHART_RANGE_MS && ms <= MAX_CHART_RANGE_MS) return { range: formatDuration(ms) };
  return { range: formatDuration(DEFAULT_CHART_RANGE_MS), ignored: `range=${text.slice(0, 24)}` };
}
