/** The lowest, mean and highest value of a series' points; undefined without points. */
export function seriesStats(
  points: readonly { value: number }[],
): { min: number; mean: number; max: number } | undefined {
  if (points.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const { value } of points) {
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  return { min, mean: sum / points.length, max };
}
