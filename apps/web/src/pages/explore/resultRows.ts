import type { HistogramSample, Labels, QueryResult, RangeSeries } from '../../api/prometheus.ts';

/** One row of the table view: a series with its value(s), or a scalar or string result. */
export type ResultRow =
  { kind: 'series'; metric: Labels; values: string[] } | { kind: 'scalar' | 'string'; values: string[] };

export interface ResultRows {
  rows: ResultRow[];
  /** How many rows the result has, before the cap. */
  total: number;
}

/** The table shows at most this many series; a browser would crawl on a hundred thousand. */
export const TABLE_ROW_LIMIT = 1_000;

const histogramText = ({ count, sum }: HistogramSample) => `histogram count=${count} sum=${sum}`;

/** A range-vector sample as Prometheus's own UI writes it: the value, then `@` its Unix time. */
const atTime = (value: string, seconds: number) => `${value} @${seconds}`;

function seriesValues(series: RangeSeries): string[] {
  const floats = (series.values ?? []).map(([t, v]) => ({ t, text: atTime(v, t) }));
  const histograms = (series.histograms ?? []).map(([t, h]) => ({ t, text: atTime(histogramText(h), t) }));
  return [...floats, ...histograms].sort((a, b) => a.t - b.t).map(({ text }) => text);
}

/** The rows of a query result, the first `limit` of them, in Prometheus's order. */
export function resultRows(result: QueryResult, limit = TABLE_ROW_LIMIT): ResultRows {
  switch (result.resultType) {
    case 'scalar':
    case 'string':
      return { rows: [{ kind: result.resultType, values: [result.result[1]] }], total: 1 };
    case 'vector':
      return {
        rows: result.result.slice(0, limit).map((sample) => ({
          kind: 'series',
          metric: sample.metric,
          values: [sample.value ? sample.value[1] : sample.histogram ? histogramText(sample.histogram[1]) : ''],
        })),
        total: result.result.length,
      };
    case 'matrix':
      return {
        rows: result.result
          .slice(0, limit)
          .map((series) => ({ kind: 'series', metric: series.metric, values: seriesValues(series) })),
        total: result.result.length,
      };
  }
}
