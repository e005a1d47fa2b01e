import { ApiError, fetchBody } from '../../api/fetchJson.ts';

/**
 * The Prometheus HTTP API as Promwall passes it through at `/api/prom`:
 * https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
 */
export const PROMETHEUS_API = '/api/prom/api/v1';

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
 * to be shown as it is. An `ApiError`, so the query client's rule of not retrying 4xx applies.
 */
export class PrometheusError extends ApiError {
  constructor(
    readonly error: string,
    status: number,
    readonly errorType: string,
  ) {
    super(error, status, errorType);
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
 * limit an `ApiError`, as fetchJson makes it.
 */
export function readPrometheusAnswer<T>(path: string, httpStatus: number, body: unknown): PrometheusAnswer<T> {
  if (isObject(body)) {
    if (body.status === 'error') {
      const message =
        typeof body.error === 'string' && body.error !== '' ? body.error : `${path} answered HTTP ${httpStatus}`;
      const promwallCode = PROMWALL_STATUS_CODES[httpStatus];
      if (promwallCode) throw new ApiError(message, httpStatus, promwallCode);
      const errorType = typeof body.errorType === 'string' && body.errorType !== '' ? body.errorType : 'unknown';
      throw new PrometheusError(message, httpStatus, errorType);
    }
    if (httpStatus >= 200 && httpStatus < 300 && body.status === 'success' && 'data' in body) {
      return { data: body.data as T, warnings: strings(body.warnings), infos: strings(body.infos) };
    }
  }
  if (httpStatus < 200 || httpStatus >= 300)
    throw new ApiError(`${path} answered HTTP ${httpStatus}`, httpStatus, 'http_error');
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
  const { status, body } = await fetchBody(path, { method: 'POST', body: params, signal: signal ?? null });
  return readPrometheusAnswer<T>(path, status, body);
}

/** A sample's value as a number: Prometheus writes `NaN`, `+Inf` and `-Inf` as such. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
