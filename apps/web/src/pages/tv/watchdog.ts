import { backoffFor } from '../../api/backoff.ts';

/** A wall reloads when no refresh completed in this many intervals… */
export const WATCHDOG_INTERVALS = 5;
/** …and never sooner than this, whatever the interval: a slow Prometheus is not a stuck page. */
export const WATCHDOG_MIN_STALL_MS = 20_000;
/** Each reload in a row that did not help doubles the wait, up to 2^4 times. */
const MAX_ESCALATION = 4;

/**
 * How long a wall may go without a completed refresh before it reloads. Always longer than the
 * longest retry wait plus an interval (see backoffFor), so a wall recovering from an outage by
 * itself is never reloaded on the way.
 */
export function stallLimitMs(refreshMs: number, reloadsInARow = 0): number {
  const base = Math.max(
    WATCHDOG_INTERVALS * refreshMs,
    WATCHDOG_MIN_STALL_MS,
    backoffFor(refreshMs).maxMs + 2 * refreshMs,
  );
  return base * 2 ** Math.min(Math.max(0, reloadsInARow), MAX_ESCALATION);
}

export interface WatchdogInput {
  now: number;
  /** When the API last answered every one of the wall's refreshes (data or an error); page load when never. */
  lastCompletedAt: number;
  /** Since when the API has answered the wall's probe without a failure; undefined while it does not. */
  apiUpSince: number | undefined;
  refreshMs: number;
  /** Watchdog reloads since the last completed refresh (kept across reloads). */
  reloadsInARow: number;
}

/**
 * Reload when the page has been stuck for the stall limit although the API answered throughout:
 * a hung request or a stuck renderer, which a reload mends. While the API itself is unreachable a
 * reload would trade the last values for a browser error page, so the wall waits instead.
 */
export function shouldReload({ now, lastCompletedAt, apiUpSince, refreshMs, reloadsInARow }: WatchdogInput): boolean {
  const limit = stallLimitMs(refreshMs, reloadsInARow);
  return now - lastCompletedAt > limit && apiUpSince !== undefined && now - apiUpSince >= limit;
}
