import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wallClock } from '../../time/zone.ts';
import { formatTimeTick, timeTicks } from './timeAxis.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';

// The whole file runs in Berlin's zone, as a browser there would: Node rereads TZ when it is set.
beforeAll(() => {
  vi.stubEnv('TZ', BERLIN);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

let start: number;
beforeAll(() => {
  start = new Date(2027, 2, 10, 9, 7, 30).getTime();
});
const clockOf = (ms: number, zone = BERLIN) => {
  const { hour, minute } = wallClock(ms, zone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

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
      expect(timeTicks(start, start + span, 6, BERLIN).ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe('timeTicks across the end of summer time, 25 Oct 2026 in Europe/Berlin', () => {
  // 24 Oct 12:00 CEST to 26 Oct 12:00 CET: 49 hours, the 25th has 25.
  const from = Date.UTC(2026, 9, 24, 10);
  const to = Date.UTC(2026, 9, 26, 11);

  it('labels both midnights with their date, on a two-day range', () => {
    const { ticks, intervalMs } = timeTicks(from, to, 10, BERLIN);
    const labels = ticks.map((t) => formatTimeTick(t, intervalMs, to - from, BERLIN));

    expect(intervalMs).toBe(6 * HOUR);
    expect(ticks.map((t) => clockOf(t))).toEqual([
      '12:00',
      '18:00',
      '00:00',
      '06:00',
      '12:00',
      '18:00',
      '00:00',
      '06:00',
      '12:00',
    ]);
    expect(labels[2]).toMatch(/25/);
    expect(labels[6]).toMatch(/26/);
    expect(ticks[2]).toBe(Date.UTC(2026, 9, 24, 22));
    expect(ticks[6]).toBe(Date.UTC(2026, 9, 25, 23));
  });

  it('keeps even spacing: every gap is the interval, the one over the change an hour more, as that day is', () => {
    const { ticks, intervalMs } = timeTicks(from, to, 10, BERLIN);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);

    expect(gaps).toEqual([6, 6, 7, 6, 6, 6, 6, 6].map((hours) => hours * HOUR));
    expect(gaps.filter((gap) => gap !== intervalMs)).toEqual([intervalMs + HOUR]);
  });

  it('steps evenly through the repeated hour below an hour apart, labelling 02:00 to 02:30 twice', () => {
    const { ticks, intervalMs } = timeTicks(Date.UTC(2026, 9, 24, 23, 30), Date.UTC(2026, 9, 25, 2), 8, BERLIN);
    const gaps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]!));

    expect(intervalMs).toBe(30 * MINUTE);
    expect(gaps).toEqual(new Set([30 * MINUTE]));
    expect(ticks.map((t) => clockOf(t))).toEqual(['01:30', '02:00', '02:30', '02:00', '02:30', '03:00']);
  });

  it('puts day ticks on every local midnight, 25 hours apart across the change', () => {
    const { ticks } = timeTicks(Date.UTC(2026, 9, 22), Date.UTC(2026, 9, 29), 8, BERLIN);

    expect(ticks.map((t) => clockOf(t))).toEqual(Array(7).fill('00:00'));
    expect(ticks[3]! - ticks[2]!).toBe(25 * HOUR);
  });

  it('keeps midnight in the browser’s own zone too (this file runs with TZ=Europe/Berlin)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(BERLIN);
    expect(new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset()).toBe(-120);
    expect(timeTicks(from, to, 10).ticks).toEqual(timeTicks(from, to, 10, BERLIN).ticks);
  });

  it('shows UTC when asked: the midnights are UTC ones, 24 hours apart', () => {
    const { ticks, intervalMs } = timeTicks(from, to, 10, 'UTC');
    const midnights = ticks.filter((t) => t % DAY === 0);

    expect(midnights).toEqual([Date.UTC(2026, 9, 25), Date.UTC(2026, 9, 26)]);
    expect(new Set(ticks.slice(1).map((t, i) => t - ticks[i]!))).toEqual(new Set([intervalMs]));
    expect(formatTimeTick(midnights[0]!, intervalMs, to - from, 'UTC')).toMatch(/25/);
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
