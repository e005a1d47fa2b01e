/** When the supervisor starts again a service that exited on its own. */
export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run this long counts as a recovery: the next exit starts the delays over. */
  stableAfterMs: number;
}

/** 1 s, doubling to 30 s; a minute up and the count starts again. */
export const restartBackoff: BackoffPolicy = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** The wait before restart `attempt` (1 for the first restart after a stable run). */
export function restartDelayMs(attempt: number, policy: BackoffPolicy = restartBackoff): number {
  // Capping the exponent keeps 2 ** n finite for a service that has died for days.
  const doublings = Math.min(Math.max(attempt - 1, 0), 32);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** The attempt number of the restart after an exit, given the previous one and how long the
 * run that just ended stayed up. */
export function nextAttempt(previous: number, upForMs: number, policy: BackoffPolicy = restartBackoff): number {
  return upForMs >= policy.stableAfterMs ? 1 : previous + 1;
}
