/** The geometry of a time series request, shared by the API (which refuses what breaks it) and
 * the web app (which asks for what fits its charts). */

/** Prometheus refuses range queries of more points than this. */
export const PROMETHEUS_MAX_POINTS = 11_000;

/** The shortest step Promwall asks for or accepts. */
export const MIN_STEP_MS = 1_000;

/** A chart's time range when none is chosen. */
export const DEFAULT_RANGE_MS = 3_600_000;

/** Points of a series when the client does not say how wide its chart is. */
export const DEFAULT_SERIES_POINTS = 300;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a reader recognises on a time axis. */
export const NICE_STEPS_MS: readonly number[] = [
  ...[1, 2, 5, 10, 15, 30].map((s) => s * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((m) => m * MINUTE),
  ...[1, 2, 3, 6, 12].map((h) => h * HOUR),
  DAY,
];

/**
 * The smallest nice step that keeps a range within `points` points (a chart's width in pixels,
 * so a series never has more points than pixels). Past the nice steps, whole days.
 */
export function chooseStep(rangeMs: number, points: number): number {
  const least = rangeMs / Math.max(1, Math.floor(points));
  return NICE_STEPS_MS.find((step) => step >= least) ?? Math.ceil(least / DAY) * DAY;
}

/** Points of a range query: Prometheus counts both ends. */
export function pointCount(rangeMs: number, stepMs: number): number {
  return Math.floor(rangeMs / stepMs) + 1;
}
