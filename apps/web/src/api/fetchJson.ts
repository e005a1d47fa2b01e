import type { ErrorBody } from '@promwall/core/schemas';

/** The API answered, with an error: `status` and `code` come from its answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
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

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/**
 * Fetches JSON from the Promwall API. Every failure becomes an `Error` whose message can be
 * shown as it is: the API unreachable, an answer that is not JSON (a proxy's HTML error page),
 * or the API's own `{"error": {...}}` answer, thrown as an `ApiError`. Aborts are rethrown
 * untouched so that TanStack Query can tell a cancelled query from a failed one.
 */
export async function fetchJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { status, ok, body, retryAfter } = await fetchBody(path, init);
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (isErrorBody(body)) {
    throw new ApiError(body.error.message, status, body.error.code, retryAfterMs);
  }
  if (!ok) {
    throw new ApiError(`${path} answered HTTP ${status}`, status, 'http_error', retryAfterMs);
  }
  return body as T;
}

/**
 * The transport under every API call: the status and the parsed JSON body of an answer, with a
 * network failure as a `NetworkError` and an answer that is not JSON as a readable `Error`.
 * Aborts are rethrown untouched.
 */
export async function fetchBody(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; ok: boolean; body: unknown; retryAfter: string | null }> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');

  let response: Response;
  let text: string;
  try {
    response = await fetch(path, { ...init, headers });
    text = await response.text();
  } catch (err) {
    if (isAbort(err)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new NetworkError(`Cannot reach the Promwall API (${path}): ${reason}`, { cause: err });
  }

  try {
    return {
      status: response.status,
      ok: response.ok,
      body: JSON.parse(text),
      retryAfter: response.headers.get('Retry-After'),
    };
  } catch {
    throw new Error(`Unexpected answer from ${path}: HTTP ${response.status}, not JSON`);
  }
}
