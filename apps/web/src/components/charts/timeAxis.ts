import { clockMinutes, clockTime } from '../../time/clock.ts';

/** Ticks and labels for a time axis in the browser's local time zone. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const INTERVALS = [
  10_000,
  15_000,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];

export interface TimeTicks {
  ticks: number[];
  intervalMs: number;
}

/** The local wall clock's distance from UTC at `ms`. */
const localOffset = (ms: number) => -new Date(ms).getTimezoneOffset() * MINUTE;

/**
 * At most `maxTicks` ticks between `startMs` and `endMs`, on round local times: every 5 min on
 * the 5s, every 3 h at 0:00, 3:00, …, days at local midnight.
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number): TimeTicks {
  const span = Math.max(0, endMs - startMs);
  const limit = Math.max(1, maxTicks);
  const intervalMs = INTERVALS.find((interval) => span / interval <= limit) ?? Math.ceil(span / limit / DAY) * DAY;
  const ticks: number[] = [];

  if (intervalMs < DAY) {
    const offset = localOffset(startMs);
    for (let t = Math.ceil((startMs + offset) / intervalMs) * intervalMs - offset; t <= endMs; t += intervalMs) {
      ticks.push(t);
    }
    return { ticks, intervalMs };
  }

  // Days step by the calendar, so a daylight-saving change does not move midnight.
  const days = Math.round(intervalMs / DAY);
  const day = new Date(startMs);
  day.setHours(0, 0, 0, 0);
  if (day.getTime() < startMs) day.setDate(day.getDate() + 1);
  while (day.getTime() <= endMs) {
    ticks.push(day.getTime());
    day.setDate(day.getDate() + days);
  }
  return { ticks, intervalMs };
}

const date = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

const isLocalMidnight = (ms: number) => {
  const d = new Date(ms);
  return d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
};

/** A tick's label: the date at day ticks (and at midnight on ranges over a day), else the clock. */
export function formatTimeTick(ms: number, intervalMs: number, spanMs: number): string {
  if (intervalMs >= DAY || (spanMs > DAY && isLocalMidnight(ms))) return date.format(ms);
  return intervalMs < MINUTE ? clockTime(ms) : clockMinutes(ms);
}

/** The full local time of one point, for tooltips. */
export function formatPointTime(ms: number): string {
  return clockTime(ms, { withDate: true });
}
