// Built once: a wall formats the time every second for weeks.
const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const date = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/**
 * `14:03:12`, or `Nov 22, 14:03:12` with the date, in the viewer's own time zone and always on
 * a 24-hour clock.
 */
export function clockTime(ms: number, { withDate = false } = {}): string {
  return (withDate ? dateAndTime : time).format(ms);
}

/** `14:03`, for axes. */
export function clockMinutes(ms: number): string {
  return minutes.format(ms);
}

/** `Sat, 22 Nov`, as the viewer's locale writes it. */
export function clockDate(ms: number): string {
  return date.format(ms);
}
