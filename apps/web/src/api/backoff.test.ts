import { describe, expect, it } from 'vitest';
import { backoffFor, retryAfterDelayMs, retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  const backoff = { baseMs: 1_000, maxMs: 8_000 };

  it('doubles the ceiling with every attempt up to the maximum', () => {
    const ceilings = [0, 1, 2, 3, 4, 10, 1_000].map((attempt) => retryDelayMs(attempt, backoff, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
  });

  it('waits between half the ceiling and the ceiling, whatever the random draw', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(8_000, 1_000 * 2 ** attempt);
      for (const draw of [0, 0.25, 0.5, 0.999_999]) {
        const delay = retryDelayMs(attempt, backoff, () => draw);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
      expect(retryDelayMs(attempt, backoff, () => 0)).toBe(ceiling / 2);
    }
  });

  it('spreads walls that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, backoff)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('backoffFor', () => {
  it('starts near one interval and stays between 5 s and a minute at most', () => {
    expect(backoffFor(250)).toEqual({ baseMs: 250, maxMs: 5_000 });
    expect(backoffFor(1_000)).toEqual({ baseMs: 1_000, maxMs: 5_000 });
    expect(backoffFor(10_000)).toEqual({ baseMs: 2_000, maxMs: 30_000 });
    expect(backoffFor(3_600_000)).toEqual({ baseMs: 2_000, maxMs: 60_000 });
  });
});

describe('retryAfterDelayMs', () => {
  const backoff = { baseMs: 1_000, maxMs: 8_000 };

  it('waits at least as long as Retry-After asks, spread over half as long again', () => {
    for (const draw of [0, 0.5, 0.999_999]) {
      const delay = retryAfterDelayMs(0, backoff, 20_000, () => draw);
      expect(delay).toBeGreaterThanOrEqual(20_000);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });

  it('keeps its own backoff when Retry-After asks for less, or nothing', () => {
    expect(retryAfterDelayMs(3, backoff, 1_000, () => 1)).toBe(8_000);
    expect(retryAfterDelayMs(3, backoff, undefined, () => 1)).toBe(8_000);
  });

  it('comes back within five minutes however long it is asked to wait', () => {
    expect(retryAfterDelayMs(0, backoff, 86_400_000, () => 0)).toBe(300_000);
  });
});
