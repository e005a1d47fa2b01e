import { queryOptions } from '@tanstack/react-query';
import { rangeLength, type TimeRange } from '../url/timeRange.ts';
import { apiUrl, fetchAnswer, HttpError } from './client.ts';

/**
 * The Prometheus HTTP API as Promwall passes it through at `/api/prom`:
 * https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
 */
export const PROMETHEUS_API = '/api/prom/api/v1';

/** Where the PromQL editor's completion asks for metric names, labels and values. */
export function completionUrl(): string {
  return `${window.location.origin}${apiUrl('/api/prom')}`;
}

export type PrometheusResponse<T> =
  | { status: 'success'; data: T; warnings?: string[]; infos?: string[] }
  | { status: 'error'; errorType: string; error: string; warnings?: string[]; infos?: string[] };

/** `[unix seconds, "value"]`: values are strings so that NaN and ±Inf survive JSON. */
export type SampleValue = [number, string];

/** A native histogram sample; only its totals are shown here. */
export interface HistogramSample {
  count: string;
  sum: string;
}

export type Labels = Record<string, string>;

export interface InstantSample {
  metric: Labels;
  value?: SampleValue;
  histogram?: [number, HistogramSample];
}

export interface RangeSeries {
  metric: Labels;
  values?: SampleValue[];
  histograms?: [number, HistogramSample][];
}

export type QueryResult =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'matrix'; result: RangeSeries[] }
  | { resultType: 'scalar'; result: SampleValue }
  | { resultType: 'string'; result: SampleValue };

/**
 * Prometheus refused or failed the query: `error` is its own message (`1:5: parse error: …`),
 * to be shown as it is. An `HttpError`, so the query client's rule of not retrying 4xx applies.
 */
export class PrometheusError extends HttpError {
  override readonly name = 'PrometheusError';

  constructor(
    status: number,
    readonly errorType: string,
    readonly error: string,
  ) {
    super(status, errorType, error);
  }
}

/** A successful answer's data and the notes Prometheus attached to it. */
export interface PrometheusAnswer<T> {
  data: T;
  warnings: string[];
  infos: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Statuses Prometheus itself never answers: on the pass-through they are Promwall's own answers
 * (rate limit, upstream unreachable, upstream timeout), in Prometheus's error shape.
 */
const PROMWALL_STATUS_CODES: Record<number, string> = {
  429: 'too_many_requests',
  502: 'upstream_unreachable',
  504: 'upstream_timeout',
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Reads one answer of the pass-through. Prometheus's `status: "error"` becomes a
 * `PrometheusError`; Promwall's own failures to reach it (unreachable, timeout) and its rate
 * limit an `HttpError`, as fetchJson makes it.
 */
export function readPrometheusAnswer<T>(path: string, httpStatus: number, body: unknown): PrometheusAnswer<T> {
  if (isObject(body)) {
    if (body.status === 'error') {
      const message =
        typeof body.error === 'string' && body.error !== '' ? body.error : `${path} answered HTTP ${httpStatus}`;
      const promwallCode = PROMWALL_STATUS_CODES[httpStatus];
      if (promwallCode) throw new HttpError(httpStatus, promwallCode, message);
      const errorType = typeof body.errorType === 'string' && body.errorType !== '' ? body.errorType : 'unknown';
      throw new PrometheusError(httpStatus, errorType, message);
    }
    if (httpStatus >= 200 && httpStatus < 300 && body.status === 'success' && 'data' in body) {
      return { data: body.data as T, warnings: strings(body.warnings), infos: strings(body.infos) };
    }
  }
  if (httpStatus < 200 || httpStatus >= 300)
    throw new HttpError(httpStatus, 'http_error', `${path} answered HTTP ${httpStatus}`);
  throw new Error(`Unexpected answer from ${path}: not a Prometheus API response`);
}

/**
 * POSTs a form to the pass-through, so long expressions never meet a URL length limit. Network
 * failures become a `NetworkError`; aborts are rethrown untouched for TanStack Query.
 */
export async function fetchPrometheus<T>(
  endpoint: string,
  params: URLSearchParams,
  signal?: AbortSignal,
): Promise<PrometheusAnswer<T>> {
  const path = `${PROMETHEUS_API}/${endpoint}`;
  const { status, body } = await fetchAnswer(path, { method: 'POST', body: params, signal });
  return readPrometheusAnswer<T>(apiUrl(path), status, body);
}

/** A sample's value as a number: Prometheus writes `NaN`, `+Inf` and `-Inf` as such. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

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

/** Every PromQL query's key starts with this, so that a re-run of the same expression refetches. */
export const PROMQL_KEY = 'promql';

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
    queryKey: [PROMQL_KEY, 'instant', expr, { at: fixedEnd ?? 'now' }] as const,
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
    queryKey: [PROMQL_KEY, 'range', expr, { range: rangeKey(range), stepMs }] as const,
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
