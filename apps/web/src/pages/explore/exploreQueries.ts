import { queryOptions } from '@tanstack/react-query';
import { rangeLength, type TimeRange } from '../../url/timeRange.ts';
import { fetchPrometheus, type QueryResult, type RangeSeries } from './prometheusApi.ts';

interface Timed {
  warnings: string[];
  infos: string[];
  /** The round trip through Promwall, as the user waited for it. */
  durationMs: number;
}

export interface InstantAnswer extends Timed {
  result: QueryResult;
  /** The evaluation time: the end of the range. */
  atMs: number;
}

export interface RangeAnswer extends Timed {
  series: RangeSeries[];
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Every Explore query's key starts with this, so a re-run of the same expression refetches. */
export const EXPLORE_KEY = 'explore';

const polling = (range: TimeRange, refreshMs: number) =>
  range.kind === 'relative' && refreshMs > 0 ? refreshMs : false;

/**
 * The key of a moving window holds its length, not timestamps, and the query function ends it
 * at "now", so each refresh replaces one cache entry instead of adding one.
 */
function rangeKey(range: TimeRange) {
  return range.kind === 'relative' ? { lengthMs: range.ms } : { startMs: range.startMs, endMs: range.endMs };
}

/** The expression at the end of the range: https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries */
export function instantQuery(expr: string, range: TimeRange, refreshMs: number) {
  const fixedEnd = range.kind === 'absolute' ? range.endMs : undefined;
  return queryOptions({
    queryKey: [EXPLORE_KEY, 'instant', expr, { at: fixedEnd ?? 'now' }] as const,
    queryFn: async ({ signal }): Promise<InstantAnswer> => {
      const atMs = fixedEnd ?? Date.now();
      const started = performance.now();
      const answer = await fetchPrometheus<QueryResult>(
        'query',
        new URLSearchParams({ query: expr, time: String(atMs / 1000) }),
        signal,
      );
      return {
        result: answer.data,
        warnings: answer.warnings,
        infos: answer.infos,
        durationMs: performance.now() - started,
        atMs,
      };
    },
    refetchInterval: polling(range, refreshMs),
    // The last answer stays on screen while a new range or step loads, but never the answer of
    // another expression: that would show one query's result under another.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === expr ? previous : undefined),
  });
}

/** The expression over the range at `stepMs`: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries */
export function rangeQuery(expr: string, range: TimeRange, stepMs: number, refreshMs: number) {
  return queryOptions({
    queryKey: [EXPLORE_KEY, 'range', expr, { range: rangeKey(range), stepMs }] as const,
    queryFn: async ({ signal }): Promise<RangeAnswer> => {
      const endMs = range.kind === 'absolute' ? range.endMs : Date.now();
      const startMs = endMs - rangeLength(range);
      const params = new URLSearchParams({
        query: expr,
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        step: String(stepMs / 1000),
      });
      const started = performance.now();
      const answer = await fetchPrometheus<QueryResult>('query_range', params, signal);
      const series = answer.data.resultType === 'matrix' ? answer.data.result : [];
      return {
        series,
        warnings: answer.warnings,
        infos: answer.infos,
        durationMs: performance.now() - started,
        startMs,
        endMs,
        stepMs,
      };
    },
    refetchInterval: polling(range, refreshMs),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === expr ? previous : undefined),
  });
}
