/**
 * Wall-clock time in a time zone, both ways, from Intl alone: the browser's zone (`undefined`),
 * UTC or any IANA name. Charts use it to put ticks on round local times across daylight-saving
 * changes, where a day has 23 or 25 hours and an hour can repeat.
 */

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function fieldsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function wallClock(ms: number, timeZone?: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of fieldsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

const asUtc = (wall: Omit<WallClock, 'second'> & { second?: number }) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);

/** How far the zone's wall clock is ahead of UTC at `ms`. */
export function zoneOffset(ms: number, timeZone?: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return asUtc(wallClock(whole, timeZone)) - whole;
}

/**
 * The instant a wall-clock time names in `timeZone`. In an hour that repeats (clocks go back)
 * it is the first of the two; in one that is skipped (clocks go forward), the instant the
 * clock shows the time after the gap. Fields past their range carry over, as Date.UTC's do.
 */
export function instantOf(wall: Omit<WallClock, 'second'> & { second?: number }, timeZone?: string): number {
  const local = asUtc(wall);
  // The offsets on either side of any change near this time: at most one change a day.
  const candidates = [...new Set([zoneOffset(local - DAY, timeZone), zoneOffset(local + DAY, timeZone)])]
    .map((offset) => local - offset)
    .filter((ms) => asUtc(wallClock(ms, timeZone)) === Math.floor(local / 1000) * 1000)
    .sort((a, b) => a - b);
  return candidates[0] ?? local - zoneOffset(local - DAY, timeZone);
}

/** The browser's zone, as the pickers name it. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
