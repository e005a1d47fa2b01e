import { formatSeconds } from '@promwall/core/units';
import { fetchJson } from '../../api/fetchJson.ts';

/** The API did not answer within the wall's patience: a hung request, not an unreachable API. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/**
 * Patience for one request: two refresh intervals, but at least 15 s so that the API's own
 * upstream timeout (10 s by default) answers first with its precise error.
 */
export function requestTimeoutMs(refreshMs: number): number {
  return Math.min(Math.max(2 * refreshMs, 15_000), 60_000);
}

/**
 * fetchJson that gives up after `timeoutMs`. Built from a plain AbortController and a timer
 * rather than AbortSignal.any/timeout, which older TV browsers lack; both are released when the
 * request ends, so nothing piles up over weeks.
 */
export async function fetchJsonWithin<T>(
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
  init: RequestInit = {},
): Promise<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await fetchJson<T>(path, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut)
      throw new RequestTimeoutError(`${path} did not answer within ${formatSeconds(timeoutMs / 1000)}`, {
        cause: error,
      });
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}
