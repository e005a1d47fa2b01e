import { headlineKeys } from '@promwall/core/headline';
import type { StandardRecord, Summary } from '@promwall/core/schemas';

/** The summary as the seeds' "standard format": one flat record per headline figure and one
 * per instance, all stamped with the time the figures were taken. */
export function toStandardRecords(summary: Summary): StandardRecord[] {
  const filters: Record<string, string> = {};
  if (summary.filters.job !== undefined) filters.job = summary.filters.job;
  if (summary.filters.instance !== undefined) filters.instance = summary.filters.instance;
  const common = { timestamp: summary.generatedAt, source: summary.source, data_type: 'metric' as const };
  return headlineKeys.flatMap((key) => {
    const { value, unit, status, byInstance } = summary.metrics[key];
    return [
      { metric_name: key, metric_value: value, labels: { ...filters, unit, status }, ...common },
      ...byInstance.map((row) => ({
        metric_name: key,
        metric_value: row.value,
        labels: { ...filters, instance: row.instance, unit },
        ...common,
      })),
    ];
  });
}
