/** Steps a chart's time axis reads well at, in ms. */
const niceSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400,
].map((seconds) => seconds * 1000);

/** The smallest readable step that keeps a range within `points` points. */
export function chooseStep(rangeMs: number, points: number): number {
  const least = rangeMs / points;
  return niceSteps.find((step) => step >= least) ?? Math.ceil(least / 86_400_000) * 86_400_000;
}

/** Points of a range query: Prometheus counts both ends. */
export function pointCount(rangeMs: number, stepMs: number): number {
  return Math.floor(rangeMs / stepMs) + 1;
}
