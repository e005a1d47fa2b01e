const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a reader recognises; a range is drawn at the first one that fits the width. */
const NICE_STEPS_MS = [
  ...[1, 2, 5, 10, 15, 30].map((s) => s * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((m) => m * MINUTE),
  ...[1, 2, 3, 6, 12].map((h) => h * HOUR),
];

/**
 * The step of a range query: the smallest nice step that gives no more points than the chart
 * has pixels (so never more than Prometheus's 11,000 either). Whole seconds always, so the step
 * reads in Prometheus's own duration syntax.
 */
export function chooseStep(rangeMs: number, widthPx: number): number {
  const minimum = rangeMs / Math.max(1, Math.floor(widthPx));
  return NICE_STEPS_MS.find((step) => step >= minimum) ?? Math.ceil(minimum / DAY) * DAY;
}
