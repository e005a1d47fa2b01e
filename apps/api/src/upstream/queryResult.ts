/** Prometheus's query answers, as far as Promwall reads them
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats). */

export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface QueryData<R> {
  resultType: string;
  result: R[];
}

/** NaN and ±Inf have no JSON form and no honest reading as a figure: they are "no value". */
export function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
