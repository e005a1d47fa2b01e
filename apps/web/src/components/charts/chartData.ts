/**
 * The neutral time-series shape every Promwall chart draws: one row per timestamp, one column
 * per series. Series columns get synthetic keys (`s0`, `s1`, …) because recharts reads a
 * `dataKey` with dots as a property path, and label values such as `10.0.0.1:9100` have dots.
 */

/** A series in the charts' neutral shape: its labels and `[ms, value | null]` points. */
export interface SourceSeries {
  labels: Readonly<Record<string, string>>;
  points: ReadonlyArray<readonly [number, number | null]>;
}

export type SeriesKey = `s${number}`;

/** One timestamp. A series without a sample there has `undefined`, a NaN/Inf sample `null`:
 * both draw as a gap, never as 0. */
export type ChartRow = { t: number } & { [key: SeriesKey]: number | null | undefined };

export interface ChartSeries {
  key: SeriesKey;
  label: string;
}

export interface ChartData {
  rows: ChartRow[];
  /** Sorted by label, so legends and colours do not shuffle between refreshes. */
  series: ChartSeries[];
}

export interface ToChartDataOptions {
  /** The query's step. A hole longer than 1.5 steps where no series has a sample gets an empty
   * row, so lines break there instead of bridging the outage. */
  stepMs?: number;
  /** The label of a series with no labels (an aggregated total), e.g. the metric's title. */
  unlabelled?: string;
}

/** A series' name: `instance` alone when that is its only label, else `k="v", …`. */
export function seriesLabel(labels: Readonly<Record<string, string>>, unlabelled = 'value'): string {
  const entries = Object.entries(labels).filter(([name]) => name !== '__name__');
  if (entries.length === 0) return unlabelled;
  if (entries.length === 1) return entries[0]![1];
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}="${value}"`)
    .join(', ');
}

export function toChartData(
  source: readonly SourceSeries[],
  { stepMs, unlabelled }: ToChartDataOptions = {},
): ChartData {
  const labelled = source
    .map((series) => ({ label: seriesLabel(series.labels, unlabelled), points: series.points }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const series = labelled.map(({ label }, index): ChartSeries => ({ key: `s${index}`, label }));

  const times = new Set<number>();
  for (const { points } of labelled) for (const [t] of points) times.add(t);
  const sortedTimes = Float64Array.from(times).sort();
  const rowOf = new Map<number, number>();
  sortedTimes.forEach((t, row) => rowOf.set(t, row));

  // Column by column first, then rows with their keys in one order: faster than filling
  // rows series by series (50 × 1,000 points in a few ms), and keeps memory flat.
  const columns = labelled.map(({ points }) => {
    const column = new Array<number | null | undefined>(sortedTimes.length);
    for (const [t, value] of points) column[rowOf.get(t)!] = value;
    return column;
  });

  const rows: ChartRow[] = [];
  const gapAfter = stepMs ? 1.5 * stepMs : Infinity;
  for (let r = 0; r < sortedTimes.length; r++) {
    const t = sortedTimes[r]!;
    const previous = r > 0 ? sortedTimes[r - 1]! : t;
    if (t - previous > gapAfter) rows.push({ t: previous + stepMs! });
    const row: ChartRow = { t };
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c]![r];
      if (value !== undefined) row[series[c]!.key] = value;
    }
    rows.push(row);
  }
  return { rows, series };
}
