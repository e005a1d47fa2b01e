import { describe, expect, it } from 'vitest';
import { finestResolution, historyPointCount } from './history.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('historyPointCount', () => {
  it('counts the raw rounds on the interval grid inside the range, both ends included', () => {
    expect(historyPointCount('raw', 0, 10 * MINUTE, MINUTE)).toBe(11);
    expect(historyPointCount('raw', 30_000, 10 * MINUTE, MINUTE)).toBe(10);
    expect(historyPointCount('raw', 30_000, 50_000, MINUTE)).toBe(0);
  });

  it('counts every bucket the range touches', () => {
    expect(historyPointCount('1h', 0, DAY, MINUTE)).toBe(25);
    expect(historyPointCount('1h', 30 * MINUTE, 90 * MINUTE, MINUTE)).toBe(2);
    expect(historyPointCount('1d', 0, 365 * DAY - 1, MINUTE)).toBe(365);
  });
});

describe('finestResolution', () => {
  it('keeps raw rounds while they fit, then averages over longer buckets', () => {
    expect(finestResolution(0, 7 * DAY, MINUTE, 11_000)).toBe('raw');
    expect(finestResolution(0, 30 * DAY, MINUTE, 11_000)).toBe('5m');
    expect(finestResolution(0, 365 * DAY, MINUTE, 11_000)).toBe('1h');
    expect(finestResolution(0, 5 * 365 * DAY, MINUTE, 11_000)).toBe('1d');
  });

  it('answers the coarsest resolution when even that is too many points', () => {
    expect(finestResolution(0, 100 * 365 * DAY, MINUTE, 11_000)).toBe('1d');
  });
});
