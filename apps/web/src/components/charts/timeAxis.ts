import { instantOf, wallClock, zoneOffset } from '../../time/zone.ts';

/**
 * Ticks and labels for a time axis in a time zone: the browser's (`timeZone` undefined), UTC,
 * or any IANA name. Ticks sit on round wall-clock times of that zone, also across a
 * daylight-saving change: midnight stays midnight on a day of 23 or 25 hours.
 */

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

/**
 * Up to an hour apart, ticks step in real time, placed on round wall-clock times: zones change
 * by whole hours, so they stay round and evenly spaced through a change, and a repeated hour
 * gets its ticks twice. Daylight-saving offsets that are not whole multiples of the interval
 * (half-hour zones) are caught up at the next tick.
 */
function subHourTicks(startMs: number, endMs: number, intervalMs: number, timeZone: string | undefined): number[] {
  const alignUp = (ms: number) => {
    const offset = zoneOffset(ms, timeZone);
    return Math.ceil((ms + offset) / intervalMs) * intervalMs - offset;
  };
  const ticks: number[] = [];
  for (let t = alignUp(startMs); t <= endMs; t = alignUp(t + intervalMs)) ticks.push(t);
  return ticks;
}

/**
 * Over an hour apart, ticks are wall-clock hours of each day in the zone (0:00, 6:00, 12:00,
 * 18:00): the day of a change keeps them, the one interval that spans the change being an hour
 * longer or shorter in real time, as the day itself is. Whole days step by the calendar.
 */
function wallClockTicks(startMs: number, endMs: number, intervalMs: number, timeZone: string | undefined): number[] {
  const first = wallClock(startMs, timeZone);
  const ticks: number[] = [];
  const hours = intervalMs < DAY ? Array.from({ length: DAY / intervalMs }, (_, i) => (i * intervalMs) / HOUR) : [0];
  const days = Math.max(1, Math.round(intervalMs / DAY));
  const at = (day: number, hour: number) =>
    instantOf({ year: first.year, month: first.month, day: first.day + day, hour, minute: 0 }, timeZone);
  // Days count from the first midnight in the range; hours from the start's own day.
  for (let day = intervalMs >= DAY && at(0, 0) < startMs ? 1 : 0; at(day, 0) <= endMs; day += days) {
    for (const hour of hours) {
      const t = at(day, hour);
      if (t >= startMs && t <= endMs && t > (ticks.at(-1) ?? -Infinity)) ticks.push(t);
    }
  }
  return ticks;
}

/** At most `maxTicks` ticks between `startMs` and `endMs`, on round wall-clock times of `timeZone`. */
export function timeTicks(startMs: number, endMs: number, maxTicks: number, timeZone?: string): TimeTicks {
  const span = Math.max(0, endMs - startMs);
  const limit = Math.max(1, maxTicks);
  const candidates = INTERVALS.filter((interval) => span / interval <= limit);
  if (candidates.length === 0) candidates.push(Math.ceil(span / limit / DAY) * DAY);
  for (const intervalMs of candidates) {
    const ticks =
      intervalMs <= HOUR
        ? subHourTicks(startMs, endMs, intervalMs, timeZone)
        : wallClockTicks(startMs, endMs, intervalMs, timeZone);
    // A day of 25 hours can hold one tick more than the span suggests.
    if (ticks.length <= limit) return { ticks, intervalMs };
  }
  return { ticks: [], intervalMs: candidates.at(-1)! };
}

interface Formats {
  clock: Intl.DateTimeFormat;
  clockWithSeconds: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
}

const formats = new Map<string, Formats>();

function formatsFor(timeZone: string | undefined): Formats {
  const key = timeZone ?? '';
  let found = formats.get(key);
  if (!found) {
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } as const;
    found = {
      clock: new Intl.DateTimeFormat(undefined, clock),
      clockWithSeconds: new Intl.DateTimeFormat(undefined, { ...clock, second: '2-digit' }),
      date: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone }),
      dateTime: new Intl.DateTimeFormat(undefined, { ...clock, second: '2-digit', month: 'short', day: 'numeric' }),
    };
    formats.set(key, found);
  }
  return found;
}

function isMidnight(ms: number, timeZone: string | undefined): boolean {
  const wall = wallClock(ms, timeZone);
  return wall.hour === 0 && wall.minute === 0 && wall.second === 0;
}

/** A tick's label: the date at day ticks (and at midnight on ranges over a day), else the clock. */
export function formatTimeTick(ms: number, intervalMs: number, spanMs: number, timeZone?: string): string {
  const { clock, clockWithSeconds, date } = formatsFor(timeZone);
  if (intervalMs >= DAY || (spanMs > DAY && isMidnight(ms, timeZone))) return date.format(ms);
  return (intervalMs < MINUTE ? clockWithSeconds : clock).format(ms);
}

/** `14:03`: the axes' 24-hour clock, for other times shown beside a chart in its zone. */
export function formatClock(ms: number, timeZone?: string): string {
  return formatsFor(timeZone).clock.format(ms);
}

/** The full time of one point, for tooltips. */
export function formatPointTime(ms: number, timeZone?: string): string {
  return formatsFor(timeZone).dateTime.format(ms);
}
