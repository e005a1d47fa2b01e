/** One sample: Unix time in ms and the value, null where Prometheus had none. */
export type SparkPoint = readonly [number, number | null];

export interface SparkBox {
  width: number;
  height: number;
  startMs: number;
  endMs: number;
  /** The series' step. Prometheus leaves a step without a sample out rather than sending null:
   * two points further apart than 1.5 steps have a gap between them. */
  stepMs?: number;
  /** A value scale shared by several series; from these points when absent. */
  bounds?: { min: number; max: number } | undefined;
}

export interface SparkPaths {
  /** The line, broken where values are missing; empty without any value. */
  line: string;
  /** The same segments closed down to the bottom edge, for a faint fill. */
  area: string;
}

/** The lowest and highest value, or undefined when there is none. */
export function valueBounds(points: readonly SparkPoint[]): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, value] of points) {
    if (value === null || !Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return min <= max ? { min, max } : undefined;
}

// Keeps the stroke inside the box at the highest and lowest value.
const EDGE = 0.08;
const round = (n: number) => String(Math.round(n * 100) / 100);

/**
 * SVG paths for a sparkline of time-ordered points in a `width` × `height` box. Time maps to x
 * over [startMs, endMs]; the y scale fits the values, so a flat 5 % still shows its wiggles, and a
 * constant series is a level line through the middle. A missing value or a missing step breaks
 * the line rather than dropping it to zero or bridging the outage; a lone value between gaps is a
 * dot.
 */
export function sparklinePaths(
  points: readonly SparkPoint[],
  { width, height, startMs, endMs, stepMs, bounds: shared }: SparkBox,
): SparkPaths {
  const bounds = valueBounds(points) && (shared ?? valueBounds(points));
  if (!bounds) return { line: '', area: '' };
  const { min, max } = bounds;

  const span = endMs - startMs;
  const x = (t: number) => (span > 0 ? Math.min(width, Math.max(0, ((t - startMs) / span) * width)) : width / 2);
  const top = height * EDGE;
  const usable = height * (1 - 2 * EDGE);
  const y = (value: number) => (max === min ? height / 2 : top + (1 - (value - min) / (max - min)) * usable);

  const gapAfter = stepMs ? 1.5 * stepMs : Number.POSITIVE_INFINITY;
  const segments: string[][] = [];
  let current: string[] | undefined;
  let previous = Number.NEGATIVE_INFINITY;
  for (const [t, value] of points) {
    if (value === null || !Number.isFinite(value)) {
      current = undefined;
      continue;
    }
    if (t - previous > gapAfter) current = undefined;
    previous = t;
    if (!current) segments.push((current = []));
    current.push(`${round(x(t))} ${round(y(value))}`);
  }

  const bottom = round(height);
  const line = segments.map((coords) => `M${coords.join('L')}${coords.length === 1 ? 'h0' : ''}`).join('');
  const area = segments
    .filter((coords) => coords.length > 1)
    .map((coords) => {
      const firstX = coords[0]!.split(' ')[0]!;
      const lastX = coords[coords.length - 1]!.split(' ')[0]!;
      return `M${firstX} ${bottom}L${coords.join('L')}L${lastX} ${bottom}Z`;
    })
    .join('');
  return { line, area };
}
