import type { TimeseriesData } from '@promwall/core/dashboardSchemas';
import type { SparkPoint } from '../sparklinePath.ts';

export interface WallSeries {
  name: string;
  points: SparkPoint[];
  /** The last value drawn, for the legend; null when the series ends in a gap. */
  last: number | null;
}

/**
 * A panel's series ready to draw on a wall: a hole longer than 1.5 steps becomes a gap rather
 * than a line bridging it; stacked series are running totals, each on the ones before it.
 */
export function wallSeries(data: TimeseriesData, stacked: boolean): WallSeries[] {
  const stepMs = data.stepSeconds * 1000;
  const totals = new Map<number, number>();
  return data.series.map((series) => {
    const points: SparkPoint[] = [];
    let previous: number | undefined;
    for (const [time, value] of series.points) {
      const t = Date.parse(time);
      if (previous !== undefined && t - previous > 1.5 * stepMs) points.push([previous + stepMs, null]);
      previous = t;
      if (value === null || !stacked) {
        points.push([t, value]);
        continue;
      }
      const total = (totals.get(t) ?? 0) + value;
      totals.set(t, total);
      points.push([t, total]);
    }
    const end = series.points.at(-1);
    return { name: series.name, points, last: end ? end[1] : null };
  });
}

/** The value scale of a wall chart: from 0 (or the lowest value) to the highest, unless the panel fixes either end. */
export function wallBounds(
  series: readonly WallSeries[],
  fixed: { min?: number | undefined; max?: number | undefined },
): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const { points } of series) {
    for (const [, value] of points) {
      if (value === null || !Number.isFinite(value)) continue;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
  if (min > max) return undefined;
  const low = fixed.min ?? Math.min(0, min);
  const high = fixed.max ?? (max === low ? low + 1 : max);
  return { min: low, max: high };
}
