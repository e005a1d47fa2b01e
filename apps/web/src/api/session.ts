import type { Session } from '@promwall/core/schemas';
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './client.ts';

const TIMEOUT_MS = 10_000;
/** A token removed from the configuration shows within this long on a page left open. */
const RECHECK_MS = 5 * 60_000;

export const SESSION_KEY = ['session'] as const;

/** Whether Promwall asks for a token, and whose the browser's cookie holds: `GET /api/v1/session`. */
export function sessionQuery() {
  return queryOptions({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchJson<Session>('/api/v1/session', { signal, timeoutMs: TIMEOUT_MS }),
    staleTime: RECHECK_MS,
    refetchInterval: RECHECK_MS,
    // An unanswered check opens the view (see accessDecision): waiting out retries would only delay it.
    retry: false,
  });
}

/**
 * Signs in with a pasted token: sent once as a Bearer header, and kept by the browser in an
 * HttpOnly cookie that this code never reads. Throws an `HttpError` (401) for a token that is not valid.
 */
export function signIn(token: string): Promise<void> {
  return fetchJson<void>('/api/v1/session', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token.trim()}` },
    timeoutMs: TIMEOUT_MS,
  });
}

/** Signs out: the cookie is cleared. */
export function signOut(): Promise<void> {
  return fetchJson<void>('/api/v1/session', { method: 'DELETE', timeoutMs: TIMEOUT_MS });
}
