/** The units a headline metric or a dashboard panel's value is in. */
export const UNITS = ['percent', 'count', 'requestsPerSecond', 'seconds', 'bytes', 'bytesPerSecond'] as const;
export type Unit = (typeof UNITS)[number];

/** Shown wherever a value is missing: "no data" must never read as 0. */
export const NO_VALUE = '—';

/** A formatted value split so a big tile can style the figure and the unit apart. */
export interface ValueParts {
  number: string;
  unit: string;
}

const noValueParts: ValueParts = { number: NO_VALUE, unit: '' };

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;
const byteFactors = byteUnits.map((_, i) => 1024 ** i);

const countSuffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const countFactors = countSuffixes.map((_, i) => 1000 ** i);

const subSecondUnits = ['ns', 'µs', 'ms', 's'] as const;
const subSecondFactors = [1e-9, 1e-6, 1e-3, 1];

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

const unitLabels: Record<Unit, string> = {
  percent: '%',
  count: '',
  requestsPerSecond: 'req/s',
  seconds: 's',
  bytes: 'B',
  bytesPerSecond: 'B/s',
};

/** The axis label of a unit; counts have none. */
export function unitLabel(unit: Unit): string {
  return unitLabels[unit];
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `value` (≥ 0) to `digits` significant digits, trailing zeros dropped. Integer digits are
 * never dropped (1023 stays `1023`), and the result is never in exponent notation. */
function significant(value: number, digits: number): string {
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(value));
  // toFixed accepts at most 100 decimals; anything that small rounds to 0 anyway.
  const decimals = Math.min(100, Math.max(0, digits - 1 - magnitude));
  return trimZeros(value.toFixed(decimals));
}

/** Picks the largest unit the value reaches, formats it, and moves one unit up when rounding
 * reached the next unit, so that 1023.9 KiB becomes `1 MiB` and never `1024 KiB`. */
function scale(
  value: number,
  factors: readonly number[],
  format: (scaled: number, index: number) => string,
): { text: string; index: number } {
  let index = 0;
  while (index < factors.length - 1 && value >= factors[index + 1]!) index++;
  const text = format(value / factors[index]!, index);
  const next = factors[index + 1];
  // Rounded because 1e-3 / 1e-6 is 1000.0000000000001, which would let `1000 µs` through.
  if (next !== undefined && Number(text) >= Math.round(next / factors[index]!)) {
    return { text: format(value / next, index + 1), index: index + 1 };
  }
  return { text, index };
}

/** Formats |value| with `toParts` and puts the sign back, except on a figure rounded to 0;
 * NaN and ±Infinity are no value. */
function signed(value: number, toParts: (magnitude: number) => ValueParts): ValueParts {
  if (!Number.isFinite(value)) return noValueParts;
  const parts = toParts(Math.abs(value));
  return value < 0 && /[1-9]/.test(parts.number) ? { ...parts, number: `-${parts.number}` } : parts;
}

function joinParts({ number, unit }: ValueParts): string {
  if (unit === '') return number;
  return unit === '%' ? `${number}${unit}` : `${number} ${unit}`;
}

function bytesParts(bytes: number): ValueParts {
  const { text, index } = scale(bytes, byteFactors, (scaled) => significant(scaled, 3));
  return { number: text, unit: byteUnits[index]! };
}

function bytesPerSecondParts(bytes: number): ValueParts {
  const parts = bytesParts(bytes);
  return { ...parts, unit: `${parts.unit}/s` };
}

/** Below 1000 a count keeps up to 2 decimals, but a small non-zero rate (one request every
 * five minutes is 0.0033 req/s) keeps 2 significant digits rather than reading as 0. */
function smallCount(value: number): string {
  return value !== 0 && value < 0.01 ? significant(value, 2) : trimZeros(value.toFixed(2));
}

function countText(value: number): string {
  const { text, index } = scale(value, countFactors, (scaled, i) =>
    i === 0 ? smallCount(scaled) : significant(scaled, 3),
  );
  return `${text}${countSuffixes[index]!}`;
}

function countParts(per: string): (magnitude: number) => ValueParts {
  return (magnitude) => ({ number: countText(magnitude), unit: per });
}

function percentParts(value: number): ValueParts {
  return { number: significant(value, 3), unit: '%' };
}

/** Whole seconds and up as two units, the smaller one rounded: `3m 20s`, `2h 5m`, `3d 4h`. A
 * zero second part is left out (`1h`, not `1h 0m`). */
function compoundDuration(seconds: number): string {
  const pair = (major: number, majorUnit: string, minor: number, minorUnit: string): string => {
    const total = Math.round(seconds / minor);
    const rest = total % (major / minor);
    const head = `${(total - rest) / (major / minor)}${majorUnit}`;
    return rest === 0 ? head : `${head} ${rest}${minorUnit}`;
  };
  // Each step decides on the rounded total, so 59m 59.6s is `1h`, never `60m`.
  if (Math.round(seconds) < hour) return pair(minute, 'm', 1, 's');
  if (Math.round(seconds / minute) < day / minute) return pair(hour, 'h', minute, 'm');
  return pair(day, 'd', hour, 'h');
}

function secondsParts(seconds: number): ValueParts {
  if (seconds === 0) return { number: '0', unit: 'ms' };
  const { text, index } = scale(seconds, subSecondFactors, (scaled) => significant(scaled, 3));
  if (subSecondUnits[index] === 's' && Number(text) >= minute) return { number: compoundDuration(seconds), unit: '' };
  return { number: text, unit: subSecondUnits[index]! };
}

/** Bytes in IEC units to 3 significant digits: `512 B`, `1.5 KiB`, `1.02 GiB`. */
export function formatBytes(bytes: number): string {
  return joinParts(signed(bytes, bytesParts));
}

/** A duration for latencies and ages: `850 µs`, `12.3 ms`, `1.25 s`, `3m 20s`, `3d 4h`. */
export function formatSeconds(seconds: number): string {
  return joinParts(signed(seconds, secondsParts));
}

/** A value already in percent, to 3 significant digits: `0.05%`, `12.3%`, `100%`. */
export function formatPercent(value: number): string {
  return joinParts(signed(value, percentParts));
}

/** A count with SI suffixes from 1000 up: `950`, `12.5`, `1.2k`, `4.56M`, `1.2T`. */
export function formatCount(value: number): string {
  return joinParts(signed(value, countParts('')));
}

/** A count per something: `12.3 req/s`, `1.2k req/s`. */
export function formatRate(value: number, per = 'req/s'): string {
  return joinParts(signed(value, countParts(per)));
}

const partsByUnit: Record<Unit, (magnitude: number) => ValueParts> = {
  percent: percentParts,
  count: countParts(''),
  requestsPerSecond: countParts(unitLabels.requestsPerSecond),
  seconds: secondsParts,
  bytes: bytesParts,
  bytesPerSecond: bytesPerSecondParts,
};

/** A headline value as figure and unit, e.g. `{ number: '230', unit: 'ms' }`; a missing or
 * non-finite value is `{ number: '—', unit: '' }`. */
export function formatValueParts(value: number | null, unit: Unit): ValueParts {
  return value === null ? noValueParts : signed(value, partsByUnit[unit]);
}

/** A headline value as one string, e.g. `12.3%`, `230 ms`, `1.2k req/s`, or `—`. */
export function formatValue(value: number | null, unit: Unit): string {
  return joinParts(formatValueParts(value, unit));
}

/** How long ago, for "updated … ago", each unit rounded down: `just now`, `5 s ago`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  const seconds = Math.floor(ms / 1000);
  // A timestamp slightly in the future (clock skew) is also "just now".
  if (seconds < 1) return 'just now';
  if (seconds < minute) return `${seconds} s ago`;
  if (seconds < hour) return `${Math.floor(seconds / minute)} min ago`;
  if (seconds < day) return `${Math.floor(seconds / hour)} h ago`;
  return `${Math.floor(seconds / day)} d ago`;
}
