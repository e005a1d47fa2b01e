import { backoffFor, retryAfterDelayMs } from './backoff.ts';
import { fetchJson, HttpError } from './client.ts';

/** The record a wall keeps of its refreshes for its watchdog (pages/tv/refreshMonitor.ts). */
export interface RefreshTracker {
  /** A refresh of `resource` begins. */
  begin(resource: string): void;
  /** The API answered `resource`, with data or with an error of its own. */
  answered(resource: string): void;
}

/**
 * How a view keeps its data current. A page polls every `refreshMs` (0: never) while it is
 * shown, with the query client's defaults. A wall (`wall` set) is opened once and never touched
 * again, so it never gives up: see wallOptions.
 */
export interface Polling {
  refreshMs: number;
  wall?: RefreshTracker | undefined;
}

// Every query of a wall is observed as long as the wall is open, so nothing waits to be
// collected; a short gcTime frees an abandoned one (another page's, a removed tile's) soon.
const WALL_GC_TIME_MS = 30_000;

/**
 * A wall's patience for one request: two refresh intervals, but at least 15 s so that the API's
 * own upstream timeout (10 s by default) answers first with its precise error.
 */
export function requestTimeoutMs(refreshMs: number): number {
  return Math.min(Math.max(2 * refreshMs, 15_000), 60_000);
}

/**
 * A wall's query options. Retries never end, spaced by backoff with jitter, so a wall always
 * comes back by itself; the data of the last success stays meanwhile and `failureReason` says
 * why it is late. Polling goes on in the background and offline, since a kiosk browser's idea of
 * either is not to be trusted.
 */
export function wallOptions(refreshMs: number) {
  const backoff = backoffFor(refreshMs);
  return {
    refetchInterval: refreshMs,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    networkMode: 'always',
    retry: true,
    // A 429 or 503 with Retry-After is Promwall shedding load: the wall waits as long as asked.
    retryDelay: (attempt: number, error: Error) =>
      retryAfterDelayMs(attempt, backoff, error instanceof HttpError ? error.retryAfterMs : undefined),
    gcTime: WALL_GC_TIME_MS,
  } as const;
}

/** The polling options of a view; React Query pauses a page's polling while its tab is hidden. */
export function pollingOptions({ refreshMs, wall }: Polling) {
  if (wall) return wallOptions(refreshMs);
  return { refetchInterval: refreshMs > 0 ? refreshMs : (false as const) };
}

/** Which policy fetched an entry: a key's last part, so that a wall's and a page's never mix. */
export const policyKey = ({ wall }: Polling) => (wall ? 'wall' : 'page');

/**
 * Fetches `path` as the policy says: a page plainly, a wall within its timeout and on its
 * watchdog's record, where an answer of the API, even an error, is a completed refresh.
 */
export async function fetchPolled<T>(
  { refreshMs, wall }: Polling,
  resource: string,
  path: string,
  signal: AbortSignal,
): Promise<T> {
  if (!wall) return fetchJson<T>(path, { signal });
  wall.begin(resource);
  try {
    const data = await fetchJson<T>(path, { signal, timeoutMs: requestTimeoutMs(refreshMs) });
    wall.answered(resource);
    return data;
  } catch (error) {
    if (error instanceof HttpError) wall.answered(resource);
    throw error;
  }
}
