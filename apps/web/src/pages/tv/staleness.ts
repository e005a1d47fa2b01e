import { formatAge } from '@promwall/core/units';
import { HttpError, RequestTimeoutError } from '../../api/client.ts';
import { panelCondition } from '../../components/PanelState.tsx';

export type StaleReason = 'api-unreachable' | 'upstream-unreachable' | 'timing-out' | 'query-error' | 'error';

/** The reasons in the words of the banner, most fundamental first: the order picks one for the wall. */
export const STALE_REASONS: Record<StaleReason, string> = {
  'api-unreachable': 'Promwall API unreachable',
  'upstream-unreachable': 'Prometheus unreachable',
  'timing-out': 'timing out',
  'query-error': 'query error',
  error: 'refresh failed',
};
const REASON_ORDER = Object.keys(STALE_REASONS) as StaleReason[];

export interface Freshness {
  stale: boolean;
  reason?: StaleReason;
  /** When the values on screen were last current; undefined before the first answer. */
  currentAt?: number;
}

/** The parts of a query result that decide whether its values are current. */
export interface RefreshState<T> {
  data: T | undefined;
  error: Error | null;
  /** The last failed attempt while retries go on (the wall retries without end, so `error` stays null). */
  failureReason: Error | null;
  dataUpdatedAt: number;
  isPending: boolean;
}

export function staleReason(error: Error): StaleReason {
  if (error instanceof RequestTimeoutError) return 'timing-out';
  if (error instanceof HttpError && error.code === 'upstream_timeout') return 'timing-out';
  const { failure } = panelCondition({ data: undefined, error, dataUpdatedAt: 0, isPending: false }, 0, 0);
  return failure?.kind ?? 'error';
}

/**
 * Whether one resource's values are current: stale when its refresh fails, when it is late by
 * more than two intervals, or when the API says it serves last-good values (`servedAt` then gives
 * their time). A late refresh with no failure yet is a request taking too long.
 */
export function freshness<T>(
  query: RefreshState<T>,
  refreshMs: number,
  now: number,
  servedAt?: (data: T) => number | undefined,
): Freshness {
  const error = query.error ?? query.failureReason;
  const { data } = query;
  if (data === undefined) return error ? { stale: true, reason: staleReason(error) } : { stale: false };
  const lastGoodAt = servedAt?.(data);
  const { condition } = panelCondition({ ...query, error }, refreshMs, now, undefined, () => lastGoodAt !== undefined);
  const currentAt = lastGoodAt ?? query.dataUpdatedAt;
  if (condition !== 'stale') return { stale: false, currentAt };
  const reason = error ? staleReason(error) : lastGoodAt !== undefined ? 'upstream-unreachable' : 'timing-out';
  return { stale: true, reason, currentAt };
}

/** The wall as a whole: stale when any part is, for the most fundamental reason, since the oldest values. */
export function combineFreshness(parts: readonly Freshness[]): Freshness {
  const times = parts.map((part) => part.currentAt).filter((at): at is number => at !== undefined);
  const currentAt = times.length === parts.length && times.length > 0 ? Math.min(...times) : undefined;
  const reasons = parts.filter((part) => part.stale).map((part) => part.reason ?? 'error');
  if (reasons.length === 0) return { stale: false, ...(currentAt !== undefined ? { currentAt } : {}) };
  const reason = REASON_ORDER.find((candidate) => reasons.includes(candidate))!;
  const staleTimes = parts.filter((part) => part.stale && part.currentAt !== undefined).map((part) => part.currentAt!);
  return { stale: true, reason, ...(staleTimes.length ? { currentAt: Math.min(...staleTimes) } : {}) };
}

/** "Stale since 14:03:12 (2 min ago) · Prometheus unreachable · retrying". */
export function staleBannerText(
  { reason = 'error', currentAt }: Freshness,
  now: number,
  clockTime: (ms: number) => string,
): string {
  const since =
    currentAt === undefined ? 'No data yet' : `Stale since ${clockTime(currentAt)} (${formatAge(now - currentAt)})`;
  return `${since} · ${STALE_REASONS[reason]} · retrying`;
}
