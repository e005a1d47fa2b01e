import type { SeriesPoint } from '@promwall/core/schemas';

/** A series' points as the charts draw them: the API's ISO 8601 times read once into ms. */
export function msPoints(points: readonly SeriesPoint[]): (readonly [number, number | null])[] {
  return points.map(([time, value]) => [Date.parse(time), value] as const);
}
