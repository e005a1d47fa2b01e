import { describe, expect, it } from 'vitest';
import { backoffFor } from '../../api/backoff.ts';
import { shouldReload, stallLimitMs, WATCHDOG_MIN_STALL_MS } from './watchdog.ts';

const NOW = 1_800_000_000_000;
const refreshMs = 10_000;
const limit = stallLimitMs(refreshMs);

describe('stallLimitMs', () => {
  it('is five intervals, at least 20 s', () => {
    expect(stallLimitMs(10_000)).toBe(50_000);
    expect(stallLimitMs(1_000)).toBe(WATCHDOG_MIN_STALL_MS);
    expect(stallLimitMs(250)).toBe(WATCHDOG_MIN_STALL_MS);
  });

  it('outlasts the longest retry wait plus an interval, so recovering walls are left alone', () => {
    for (const interval of [250, 1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 3_600_000]) {
      expect(stallLimitMs(interval)).toBeGreaterThan(backoffFor(interval).maxMs + interval);
    }
  });

  it('doubles with each reload in a row that did not help, up to 16 times', () => {
    expect(stallLimitMs(10_000, 1)).toBe(100_000);
    expect(stallLimitMs(10_000, 4)).toBe(800_000);
    expect(stallLimitMs(10_000, 9)).toBe(800_000);
  });
});

describe('shouldReload', () => {
  const stuck = { now: NOW, lastCompletedAt: NOW - limit - 1, apiUpSince: NOW - limit, refreshMs, reloadsInARow: 0 };

  it('reloads when no refresh completed for the limit although the API answered throughout', () => {
    expect(shouldReload(stuck)).toBe(true);
  });

  it('waits while the last completed refresh is within the limit', () => {
    expect(shouldReload({ ...stuck, lastCompletedAt: NOW - limit })).toBe(false);
    expect(shouldReload({ ...stuck, lastCompletedAt: NOW - refreshMs })).toBe(false);
  });

  it('never reloads while the API does not answer: the page would become an error page', () => {
    expect(shouldReload({ ...stuck, apiUpSince: undefined })).toBe(false);
  });

  it('waits when the API has only just come back, giving the retries time to succeed', () => {
    expect(shouldReload({ ...stuck, apiUpSince: NOW - 1_000 })).toBe(false);
  });

  it('waits longer after reloads that did not help', () => {
    expect(shouldReload({ ...stuck, reloadsInARow: 1 })).toBe(false);
    expect(
      shouldReload({ ...stuck, reloadsInARow: 1, lastCompletedAt: NOW - 2 * limit - 1, apiUpSince: NOW - 2 * limit }),
    ).toBe(true);
  });
});
