import { describe, expect, it } from 'vitest';
import { formatTimeTick, timeTicks } from './timeAxis.ts';

const HOUR = 3_600_000;
const start = new Date(2027, 2, 10, 9, 7, 30).getTime();

describe('timeTicks', () => {
  it('puts at most maxTicks ticks inside the range, on round local minutes', () => {
    const { ticks, intervalMs } = timeTicks(start, start + HOUR, 8);
    expect(intervalMs).toBe(10 * 60_000);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.every((t) => t >= start && t <= start + HOUR)).toBe(true);
    expect(ticks.every((t) => new Date(t).getMinutes() % 10 === 0 && new Date(t).getSeconds() === 0)).toBe(true);
    expect(new Date(ticks[0]!).getMinutes()).toBe(10);
  });

  it('puts day ticks on local midnight', () => {
    const { ticks, intervalMs } = timeTicks(start, start + 7 * 24 * HOUR, 8);
    expect(intervalMs).toBe(24 * HOUR);
    expect(ticks).toHaveLength(7);
    expect(ticks.every((t) => new Date(t).getHours() === 0 && new Date(t).getMinutes() === 0)).toBe(true);
  });

  it('never returns more ticks than asked for, whatever the range', () => {
    for (const span of [5 * 60_000, 3 * HOUR, 2 * 24 * HOUR, 30 * 24 * HOUR]) {
      expect(timeTicks(start, start + span, 6).ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe('formatTimeTick', () => {
  it('shows the clock within a day and the date on day ticks', () => {
    const nine = new Date(2027, 2, 10, 9, 30).getTime();
    expect(formatTimeTick(nine, 10 * 60_000, HOUR)).toMatch(/09.30/);
    const midnight = new Date(2027, 2, 11).getTime();
    expect(formatTimeTick(midnight, 24 * HOUR, 7 * 24 * HOUR)).toMatch(/11/);
    expect(formatTimeTick(midnight, 6 * HOUR, 2 * 24 * HOUR)).not.toMatch(/00.00/);
  });
});
