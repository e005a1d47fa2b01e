import { formatDuration } from '@promwall/core/duration';
import type { HeadlineKey } from '@promwall/core/headline';
import type { HeadlineSeries, Summary } from '@promwall/core/schemas';
import type { Unit } from '@promwall/core/units';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { SourceSeries } from '../components/charts/chartData.ts';
import { rangeLength, type TimeRange } from '../url/timeRange.ts';
import { search } from './client.ts';
import { msPoints } from './timePoints.ts';
import { fetchPolled, policyKey, pollingOptions, type Polling } from './polling.ts';

/** Filters the summary and series endpoints take; each one is part of the query key. */
export interface Filters {
  job?: string | undefined;
  instance?: string | undefined;
}

/** The headline figures: `GET /api/v1/summary`. */
export function summaryQuery(filters: Filters, polling: Polling) {
  return queryOptions({
    queryKey: ['summary', filters, policyKey(polling)],
    queryFn: ({ signal }) =>
      fetchPolled<Summary>(polling, 'summary', `/api/v1/summary${search({ ...filters })}`, signal),
    ...pollingOptions(polling),
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

/** A headline metric's series as the charts draw it: every time in ms, read once from the API's
 * ISO 8601 strings. */
export interface MetricSeries {
  metric: HeadlineKey;
  unit: Unit;
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  series: SourceSeries[];
}

export function toMetricSeries(answer: HeadlineSeries): MetricSeries {
  return {
    metric: answer.metric,
    unit: answer.unit,
    query: answer.query,
    startMs: Date.parse(answer.start),
    endMs: Date.parse(answer.end),
    stepMs: answer.stepSeconds * 1000,
    series: answer.series.map(({ labels, points }) => ({
      labels,
      points: msPoints(points),
    })),
  };
}

/**
 * A headline metric over a time range: `GET /api/v1/summary/{metric}`. A moving window's key
 * holds its length, not timestamps, so each refresh replaces one cache entry instead of adding
 * one; the API ends it at "now".
 */
export function seriesQuery({ metric, range, points, byInstance, filters }: SeriesParams, polling: Polling) {
  const length = formatDuration(rangeLength(range));
  const end = range.kind === 'absolute' ? new Date(range.endMs).toISOString() : undefined;
  const path = `/api/v1/summary/${metric}${search({ range: length, points, by: byInstance ? 'instance' : undefined, end, ...filters })}`;
  return queryOptions({
    queryKey: ['series', metric, { range, points, byInstance, filters }, policyKey(polling)],
    queryFn: async ({ signal }) =>
      toMetricSeries(await fetchPolled<HeadlineSeries>(polling, `series:${metric}`, path, signal)),
    ...pollingOptions(polling),
    // A fixed range never changes: no polling.
    ...(range.kind === 'absolute' ? { refetchInterval: false as const } : {}),
    ...(polling.wall ? {} : { placeholderData: keepPreviousData }),
  });
}

/** The summary's own word that Promwall serves last-good values: their time, or undefined when current. */
export function summaryServedAt(summary: Summary): number | undefined {
  if (!summary.stale) return undefined;
  const at = summary.lastSuccessAt === null ? Number.NaN : Date.parse(summary.lastSuccessAt);
  return Number.isFinite(at) ? at : Date.parse(summary.generatedAt);
}
