/** Prometheus's duration syntax: one or more of <number><unit>, largest unit first, e.g. 1h30m. */
const units: Record<string, number> = {
  y: 365 * 24 * 3_600_000,
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};
const durationPattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const order = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Milliseconds of a duration such as `5m` or `1h30m`, or of plain seconds such as `15` or
 * `0.5` (as Prometheus accepts for `step`); undefined when it is neither. */
export function parseDuration(text: string): number | undefined {
  if (text.length === 0 || text.length > 32) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const match = durationPattern.exec(text);
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  let ms = 0;
  order.forEach((unit, i) => {
    const count = match[i + 1];
    if (count !== undefined) ms += Number(count) * units[unit]!;
  });
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The shortest duration string for whole seconds, e.g. 5400000 → `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  let rest = Math.round(ms / 1000) * 1000;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = units[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
