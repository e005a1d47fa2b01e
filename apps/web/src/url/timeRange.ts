import { formatDuration, parseDuration } from '@promwall/core/duration';
import { DEFAULT_RANGE_MS } from '@promwall/core/series';

/** The time window a page shows: the last N ms (moving with the clock), or fixed times. */
export type TimeRange = { kind: 'relative'; ms: number } | { kind: 'absolute'; startMs: number; endMs: number };

export const RANGE_CHOICES = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '7d'] as const;
export const REFRESH_CHOICES = ['off', '5s', '10s', '30s', '1m', '5m'] as const;

export const DEFAULT_RANGE: TimeRange = { kind: 'relative', ms: DEFAULT_RANGE_MS };
/** 0 means off. Ten seconds: an outage shows within one refresh of the API having it. */
export const DEFAULT_REFRESH_MS = 10_000;

const MIN_RANGE_MS = 60_000;
const MAX_RANGE_MS = 31 * 86_400_000;

export interface TimeState {
  range: TimeRange;
  refreshMs: number;
}

/**
 * Reads `range=1h` or `from=…&to=…` (ISO 8601) and `refresh=30s|off`. Anything malformed or out
 * of bounds falls back to the default rather than failing: a shared link must always open.
 */
export function decodeTimeState(search: string): TimeState {
  const params = new URLSearchParams(search);
  return { range: decodeRange(params), refreshMs: decodeRefresh(params.get('refresh')) };
}

function decodeRange(params: URLSearchParams): TimeRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    const startMs = Date.parse(from);
    const endMs = Date.parse(to);
    const length = endMs - startMs;
    if (Number.isFinite(length) && length >= MIN_RANGE_MS && length <= MAX_RANGE_MS)
      return { kind: 'absolute', startMs, endMs };
    return DEFAULT_RANGE;
  }
  const ms = parseDuration(params.get('range') ?? '');
  return ms !== undefined && ms >= MIN_RANGE_MS && ms <= MAX_RANGE_MS ? { kind: 'relative', ms } : DEFAULT_RANGE;
}

function decodeRefresh(text: string | null): number {
  if (text === 'off') return 0;
  const ms = parseDuration(text ?? '');
  return ms !== undefined && ms >= 5_000 && ms <= 3_600_000 ? ms : DEFAULT_REFRESH_MS;
}

/** The query parameters for a state; defaults are left out so links stay short. */
export function encodeTimeState({ range, refreshMs }: TimeState): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {
    range: undefined,
    from: undefined,
    to: undefined,
    refresh: undefined,
  };
  if (range.kind === 'absolute') {
    params.from = new Date(range.startMs).toISOString();
    params.to = new Date(range.endMs).toISOString();
  } else if (range.ms !== DEFAULT_RANGE_MS) {
    params.range = formatDuration(range.ms);
  }
  if (refreshMs !== DEFAULT_REFRESH_MS) params.refresh = refreshMs === 0 ? 'off' : formatDuration(refreshMs);
  return params;
}

export function rangeLength(range: TimeRange): number {
  return range.kind === 'relative' ? range.ms : range.endMs - range.startMs;
}
