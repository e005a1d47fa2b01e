import { formatDuration, parseDuration } from '@promwall/core/duration';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';

/** What `/embed/{name}` shows: one headline tile, one headline chart, or a wall's alerts or targets. */
export type EmbedPanel =
  | { kind: 'tile'; metric: HeadlineKey }
  | { kind: 'chart'; metric: HeadlineKey }
  | { kind: 'alerts' }
  | { kind: 'targets' };

/** `dbConnections` → `db-connections`: the spelling URLs use; the key itself is accepted too. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const CHART_SUFFIX = '-chart';

/** Every name /embed answers, in the spelling the error message suggests. */
export const EMBED_PANEL_NAMES: readonly string[] = [
  ...headlineKeys.map(kebab),
  ...headlineKeys.map((key) => `${kebab(key)}${CHART_SUFFIX}`),
  'alerts',
  'targets',
];

function metricNamed(name: string): HeadlineKey | undefined {
  const wanted = name.toLowerCase();
  return headlineKeys.find((key) => key.toLowerCase() === wanted || kebab(key) === wanted);
}

export function parseEmbedPanel(name: string): EmbedPanel | undefined {
  const lower = name.toLowerCase();
  if (lower === 'alerts' || lower === 'targets') return { kind: lower };
  if (lower.endsWith(CHART_SUFFIX)) {
    const metric = metricNamed(lower.slice(0, -CHART_SUFFIX.length));
    return metric ? { kind: 'chart', metric } : undefined;
  }
  const metric = metricNamed(lower);
  return metric ? { kind: 'tile', metric } : undefined;
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
