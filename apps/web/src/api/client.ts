import { formatSeconds } from '@promwall/core/units';
import type { ErrorBody } from '@promwall/core/schemas';
import { BASE_PATH } from '../basePath.ts';

/** The API answered, with an error: `status` and `code` come from its answer, as the API's own `ApiError`. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** How long the API asked to be left alone (Retry-After on a 429 or 503), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Retry-After in ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The API could not be reached at all: network down, server stopped, connection reset. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** The API did not answer within the caller's patience: a hung request, not an unreachable API. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** What went wrong, in the words a panel shows: the cases an SRE must tell apart. */
export type Failure =
  | { kind: 'api-unreachable'; message: string }
  | { kind: 'upstream-unreachable'; message: string }
  | { kind: 'query-error'; message: string }
  | { kind: 'error'; message: string };

export function classifyFailure(error: Error): Failure {
  if (error instanceof NetworkError) return { kind: 'api-unreachable', message: 'The Promwall API is unreachable' };
  if (!(error instanceof HttpError)) return { kind: 'error', message: error.message };
  if (error.code === 'upstream_unreachable' || error.code === 'upstream_timeout' || error.code === 'not_ready') {
    return { kind: 'upstream-unreachable', message: error.message };
  }
  if (error.code === 'query_error' || error.code === 'ambiguous_query')
    return { kind: 'query-error', message: error.message };
  return { kind: 'error', message: error.message };
}

/** A query string from the defined, non-empty parameters, with its `?`; `''` when there are none. */
export function search(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

/** Where a Promwall path (`/api/v1/summary`) is served: under the base path. */
export function apiUrl(path: string): string {
  return `${BASE_PATH}${path}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: BodyInit;
  headers?: HeadersInit;
  /** The caller's cancellation (TanStack Query's): passed through as an abort, never as a failure. */
  signal?: AbortSignal | undefined;
  /** Gives up after this long with a `RequestTimeoutError`; no limit when absent. */
  timeoutMs?: number | undefined;
}

export interface Answer {
  status: number;
  ok: boolean;
  /** The parsed JSON; undefined for an answer without a body (204). */
  body: unknown;
  /** Retry-After, when the answer has one it can read. */
  retryAfterMs?: number | undefined;
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string' &&
    'code' in error &&
    typeof error.code === 'string'
  );
}

const isAbort = (err: unknown) => err instanceof Error && err.name === 'AbortError';

/**
 * The transport under every request to Promwall: the status and the parsed JSON body of an
 * answer. A network failure becomes a `NetworkError`, an answer that is not JSON (a proxy's HTML
 * error page) a readable `Error`, a request over `timeoutMs` a `RequestTimeoutError`; the caller's
 * abort is rethrown untouched, so that TanStack Query tells a cancelled query from a failed one.
 *
 * The timeout is a plain AbortController and timer rather than AbortSignal.any/timeout, which
 * older TV browsers lack; both are released when the request ends, so nothing piles up over weeks.
 */
export async function fetchAnswer(path: string, { signal, timeoutMs, ...init }: RequestOptions = {}): Promise<Answer> {
  const url = apiUrl(path);
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward);
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, headers, signal: controller.signal });
    text = await response.text();
  } catch (err) {
    if (timedOut) {
      throw new RequestTimeoutError(`${url} did not answer within ${formatSeconds(timeoutMs! / 1000)}`, { cause: err });
    }
    if (isAbort(err)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new NetworkError(`Cannot reach the Promwall API (${url}): ${reason}`, { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }

  const answer = {
    status: response.status,
    ok: response.ok,
    retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
  };
  if (text === '' && response.status === 204) return { ...answer, body: undefined };
  try {
    return { ...answer, body: JSON.parse(text) };
  } catch {
    throw new Error(`Unexpected answer from ${url}: HTTP ${response.status}, not JSON`);
  }
}

/**
 * JSON from the Promwall API. Every failure becomes an `Error` whose message can be shown as it
 * is (see fetchAnswer); the API's own `{"error": {...}}` answer is thrown as an `HttpError`.
 */
export async function fetchJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { status, ok, body, retryAfterMs } = await fetchAnswer(path, options);
  if (isErrorBody(body)) throw new HttpError(status, body.error.code, body.error.message, retryAfterMs);
  if (!ok) throw new HttpError(status, 'http_error', `${apiUrl(path)} answered HTTP ${status}`, retryAfterMs);
  return body as T;
}
