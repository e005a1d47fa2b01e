/** How long a wall waits between retries of a failed refresh. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Retries start about one refresh interval apart (at most 2 s, so short outages end quickly)
 * and double up to three intervals, between 5 s and a minute: a wall of hundreds of TVs must not
 * hammer a Promwall that is coming back.
 */
export function backoffFor(refreshMs: number): Backoff {
  return {
    baseMs: Math.min(Math.max(refreshMs, 250), 2_000),
    maxMs: Math.min(Math.max(3 * refreshMs, 5_000), 60_000),
  };
}

/**
 * The wait before retry number `attempt` (0 for the first): the exponential ceiling, capped, with
 * "equal jitter" — half of it fixed, half random — so that walls which lost the API together do
 * not come back in step, yet none retries sooner than half the ceiling.
 */
export function retryDelayMs(attempt: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** However long Promwall asks, a wall tries again within this: it must come back by itself. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * The wait before a retry when the API said how long to wait (Retry-After on a 429 or 503): at
 * least that long, spread over half as long again so that walls told together do not come back
 * together, and never less than the backoff's own wait.
 */
export function retryAfterDelayMs(
  attempt: number,
  backoff: Backoff,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const own = retryDelayMs(attempt, backoff, random);
  if (retryAfterMs === undefined) return own;
  const asked = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(own, Math.round(asked + random() * (asked / 2)));
}
