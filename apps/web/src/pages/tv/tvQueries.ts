import type { HeadlineKey } from '@promwall/core/headline';
import type { Alerts, HeadlineSeries, Summary, Targets } from '@promwall/core/schemas';
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/fetchJson.ts';
import type { Filters } from '../../api/queries.ts';
import { backoffFor, retryAfterDelayMs } from './backoff.ts';
import type { RefreshMonitor } from './refreshMonitor.ts';
import { fetchJsonWithin, requestTimeoutMs } from './timedFetch.ts';
import type { TvConfig } from '@promwall/core/schemas';

/** The sparklines' window: its length goes into the key, never a timestamp. */
export const SPARK_RANGE = '15m';
export const SPARK_POINTS = 60;
/** How often a wall asks for its configuration, which also tells the watchdog the API answers. */
export const CONFIG_PROBE_MS = 10_000;
// Every query of a wall is observed as long as the wall is open, so nothing waits to be
// collected; a short gcTime frees an abandoned one (another page's, a removed tile's) soon.
const GC_TIME_MS = 30_000;

function search(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

/**
 * Options every wall query shares. Retries never end, spaced by backoff with jitter, so a wall
 * always comes back by itself; the data of the last success stays meanwhile and
 * `failureReason` says why it is late. Polling goes on in the background and offline, since a
 * kiosk browser's idea of either is not to be trusted.
 */
function wallPolling(refreshMs: number) {
  const backoff = backoffFor(refreshMs);
  return {
    refetchInterval: refreshMs,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    networkMode: 'always',
    retry: true,
    // A 429 or 503 with Retry-After is Promwall shedding load: the wall waits as long as asked.
    retryDelay: (attempt: number, error: Error) =>
      retryAfterDelayMs(attempt, backoff, error instanceof ApiError ? error.retryAfterMs : undefined),
    gcTime: GC_TIME_MS,
  } as const;
}

/** Fetches `path` for the watchdog's record: an answer of the API, even an error, is a completed refresh. */
async function tracked<T>(
  monitor: RefreshMonitor,
  resource: string,
  path: string,
  refreshMs: number,
  signal: AbortSignal,
): Promise<T> {
  monitor.begin(resource);
  try {
    const data = await fetchJsonWithin<T>(path, requestTimeoutMs(refreshMs), signal);
    monitor.answered(resource);
    return data;
  } catch (error) {
    if (error instanceof ApiError) monitor.answered(resource);
    throw error;
  }
}

export function tvConfigQuery(monitor: RefreshMonitor) {
  return queryOptions({
    queryKey: ['tv', 'config'],
    queryFn: async ({ signal }) => {
      try {
        const config = await fetchJsonWithin<TvConfig>('/api/v1/tv/config', requestTimeoutMs(CONFIG_PROBE_MS), signal);
        monitor.probeAnswered();
        return config;
      } catch (error) {
        monitor.probeFailed();
        throw error;
      }
    },
    ...wallPolling(CONFIG_PROBE_MS),
  });
}

export function tvSummaryQuery(filters: Filters, refreshMs: number, monitor: RefreshMonitor) {
  return queryOptions({
    queryKey: ['tv', 'summary', filters],
    queryFn: ({ signal }) =>
      tracked<Summary>(monitor, 'summary', `/api/v1/summary${search({ ...filters })}`, refreshMs, signal),
    ...wallPolling(refreshMs),
  });
}

export function tvSeriesQuery(
  metric: HeadlineKey,
  filters: Filters,
  refreshMs: number,
  monitor: RefreshMonitor,
  range = SPARK_RANGE,
  points = SPARK_POINTS,
) {
  return queryOptions({
    queryKey: ['tv', 'series', metric, { range, points, filters }],
    queryFn: ({ signal }) =>
      tracked<HeadlineSeries>(
        monitor,
        `series:${metric}`,
        `/api/v1/summary/${metric}${search({ range, points, ...filters })}`,
        refreshMs,
        signal,
      ),
    ...wallPolling(refreshMs),
  });
}

export function tvTargetsQuery(refreshMs: number, monitor: RefreshMonitor) {
  return queryOptions({
    queryKey: ['tv', 'targets'],
    queryFn: ({ signal }) => tracked<Targets>(monitor, 'targets', '/api/v1/targets', refreshMs, signal),
    ...wallPolling(refreshMs),
  });
}

export function tvAlertsQuery(refreshMs: number, monitor: RefreshMonitor) {
  return queryOptions({
    queryKey: ['tv', 'alerts'],
    queryFn: ({ signal }) => tracked<Alerts>(monitor, 'alerts', '/api/v1/alerts', refreshMs, signal),
    ...wallPolling(refreshMs),
  });
}

/** The summary's own word that Promwall serves last-good values: their time, or undefined when current. */
export function summaryServedAt(summary: Summary): number | undefined {
  if (!summary.stale) return undefined;
  const at = summary.lastSuccessAt === null ? Number.NaN : Date.parse(summary.lastSuccessAt);
  return Number.isFinite(at) ? at : Date.parse(summary.generatedAt);
}
