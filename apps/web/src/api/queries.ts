import type { HeadlineKey } from '@promwall/core/headline';
import type { Alerts, HeadlineSeries, Summary, Targets } from '@promwall/core/schemas';
import { formatDuration } from '@promwall/core/duration';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { rangeLength, type TimeRange } from '../url/timeRange.ts';
import { fetchJson } from './fetchJson.ts';

/** Filters the summary and series endpoints take; each one is part of the query key. */
export interface Filters {
  job?: string | undefined;
  instance?: string | undefined;
}

function search(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

/** `refreshMs` 0 turns polling off. React Query pauses polling while the tab is hidden and
 * refetches stale data when it is shown again. */
const polling = (refreshMs: number) => (refreshMs > 0 ? refreshMs : false);

export function summaryQuery(filters: Filters, refreshMs: number) {
  return queryOptions({
    queryKey: ['summary', filters],
    queryFn: ({ signal }) => fetchJson<Summary>(`/api/v1/summary${search({ ...filters })}`, { signal }),
    refetchInterval: polling(refreshMs),
  });
}

export interface SeriesParams {
  metric: HeadlineKey;
  range: TimeRange;
  /** The chart's width in pixels: no series gets more points than that. */
  points: number;
  byInstance: boolean;
  filters: Filters;
}

/**
 * A headline metric over a time range. A moving window's key holds its length, not timestamps,
 * so each refresh replaces one cache entry instead of adding one; the API ends it at "now".
 */
export function seriesQuery({ metric, range, points, byInstance, filters }: SeriesParams, refreshMs: number) {
  const length = formatDuration(rangeLength(range));
  const end = range.kind === 'absolute' ? new Date(range.endMs).toISOString() : undefined;
  return queryOptions({
    queryKey: ['series', metric, { range, points, byInstance, filters }],
    queryFn: ({ signal }) =>
      fetchJson<HeadlineSeries>(
        `/api/v1/summary/${metric}${search({ range: length, points, by: byInstance ? 'instance' : undefined, end, ...filters })}`,
        { signal },
      ),
    // A fixed range never changes: no polling.
    refetchInterval: range.kind === 'relative' ? polling(refreshMs) : false,
    placeholderData: keepPreviousData,
  });
}

export function targetsQuery(refreshMs: number) {
  return queryOptions({
    queryKey: ['targets'],
    queryFn: ({ signal }) => fetchJson<Targets>('/api/v1/targets', { signal }),
    refetchInterval: polling(refreshMs),
  });
}

export function alertsQuery(refreshMs: number) {
  return queryOptions({
    queryKey: ['alerts'],
    queryFn: ({ signal }) => fetchJson<Alerts>('/api/v1/alerts', { signal }),
    refetchInterval: polling(refreshMs),
  });
}
