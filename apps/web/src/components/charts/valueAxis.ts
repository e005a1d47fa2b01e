import type { ChartRow, ChartSeries } from './chartData.ts';

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/** 1, 2, 2.5 or 5 times a power of ten: steps whose multiples read well in any unit. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A value axis from 0 (or the lowest value, when negative) to a round number above the highest,
 * with at most `maxTicks` round ticks: 0, 500 ms, 1 s, 1.5 s rather than 0, 450 ms, 900 ms.
 */
export function valueAxis(min: number, max: number, maxTicks = 5): ValueAxis {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  // No data, or nothing but zeros: 0 to 1 keeps a zero line at the bottom, where it belongs.
  if (!Number.isFinite(low) || !Number.isFinite(high) || high === low) return valueAxis(0, 1, maxTicks);
  const step = niceStep((high - low) / Math.max(1, maxTicks - 1));
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so that 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; first + i * step <= last + step / 2; i++) ticks.push(Number((first + i * step).toFixed(digits)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** An axis tick's width per character at the axes' 11 px, a little over a digit's. */
const TICK_CHAR_PX = 7;
/** The gap between a tick label and the plot, with the tick mark and the room recharts keeps. */
const TICK_GAP_PX = 16;
const MIN_AXIS_PX = 40;

/**
 * The width the value axis needs for its longest label (`150 req/s`, `1.5 ms`), so that no label
 * wraps or is cut off at the chart's edge; a little generous, since fonts differ.
 */
export function valueAxisWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.max(MIN_AXIS_PX, Math.ceil(longest * TICK_CHAR_PX + TICK_GAP_PX));
}

/** The lowest and highest values of the visible series; ±Infinity when there are none. */
export function valueRange(rows: readonly ChartRow[], series: readonly ChartSeries[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    for (const { key } of series) {
      const value = row[key];
      if (typeof value !== 'number') continue;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return [min, max];
}

/** The lowest and highest running totals of the visible series, for a stacked chart: each
 * series stacks on the ones before it, positives and negatives apart, as recharts stacks them. */
export function stackedRange(rows: readonly ChartRow[], series: readonly ChartSeries[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    let above = 0;
    let below = 0;
    let any = false;
    for (const { key } of series) {
      const value = row[key];
      if (typeof value !== 'number') continue;
      any = true;
      if (value >= 0) above += value;
      else below += value;
    }
    if (!any) continue;
    min = Math.min(min, below);
    max = Math.max(max, above);
  }
  return [min, max];
}
