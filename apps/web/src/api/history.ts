import type { HeadlineKey } from '@promwall/core/headline';
import type { HistoryResolution } from '@promwall/core/history';
import type { HistoryInfo, HistorySeries } from '@promwall/core/schemas';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { rangeBounds, type HistoryRange } from '../url/historyState.ts';
import { apiUrl, fetchJson, search } from './client.ts';

/** A preset range moves with the clock, one recording interval at a time, and over months a
 * minute is nothing: no need to ask sooner. */
const MIN_REFRESH_MS = 60_000;

/** What is recorded: `GET /api/v1/history`. Answers 404 `history_not_configured` without a database. */
export function historyInfoQuery() {
  return queryOptions({
    queryKey: ['history', 'info'],
    queryFn: ({ signal }) => fetchJson<HistoryInfo>('/api/v1/history', { signal }),
    staleTime: MIN_REFRESH_MS,
  });
}

export interface HistorySeriesParams {
  metric: HeadlineKey;
  instance: string | undefined;
  range: HistoryRange;
  resolution: HistoryResolution;
}

/**
 * One metric's history: `GET /api/v1/history/{metric}`. A preset's key holds its name, not its
 * times, so each refresh replaces one cache entry; the times are taken when it is fetched.
 */
export function historySeriesQuery({ metric, instance, range, resolution }: HistorySeriesParams, intervalMs: number) {
  return queryOptions({
    queryKey: ['history', 'series', metric, { instance, range, resolution }],
    queryFn: ({ signal }) => {
      const { fromMs, toMs } = rangeBounds(range, Date.now());
      const params = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), instance, resolution };
      return fetchJson<HistorySeries>(`/api/v1/history/${metric}${search(params)}`, { signal });
    },
    refetchInterval: historyRefreshMs(range, intervalMs) || false,
    placeholderData: keepPreviousData,
  });
}

/** How often a range is fetched again: a preset as often as a round may have been added, a
 * custom range never (0). */
export function historyRefreshMs(range: HistoryRange, intervalMs: number): number {
  return range.kind === 'preset' ? Math.max(intervalMs, MIN_REFRESH_MS) : 0;
}

/** Where the browser downloads the stored rows of a range as CSV: `GET /api/v1/history/export`. */
export function historyExportUrl(range: { from: string; to: string }, metric: HeadlineKey | undefined): string {
  return apiUrl(`/api/v1/history/export${search({ format: 'csv', metric, from: range.from, to: range.to })}`);
}
