import { describe, expect, it } from 'vitest';
import { nextAttempt, restartBackoff, restartDelayMs } from './backoff.ts';

describe('restartDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 16_000],
    [6, 30_000],
    [7, 30_000],
  ])('waits before restart %i for %i ms', (attempt, delay) => {
    expect(restartDelayMs(attempt)).toBe(delay);
  });

  it('stays at the ceiling for a service that never stops dying', () => {
    expect(restartDelayMs(10_000)).toBe(restartBackoff.maxDelayMs);
  });

  it('follows the policy it is given', () => {
    const policy = { firstDelayMs: 100, maxDelayMs: 250, stableAfterMs: 1_000 };
    expect([1, 2, 3, 4].map((attempt) => restartDelayMs(attempt, policy))).toEqual([100, 200, 250, 250]);
  });
});

describe('nextAttempt', () => {
  it('counts up while the service dies soon after each restart', () => {
    expect(nextAttempt(0, 5_000)).toBe(1);
    expect(nextAttempt(1, 500)).toBe(2);
    expect(nextAttempt(4, restartBackoff.stableAfterMs - 1)).toBe(5);
  });

  it('starts over after a run that stayed up long enough', () => {
    expect(nextAttempt(6, restartBackoff.stableAfterMs)).toBe(1);
    expect(restartDelayMs(nextAttempt(6, 3_600_000))).toBe(restartBackoff.firstDelayMs);
  });
});
