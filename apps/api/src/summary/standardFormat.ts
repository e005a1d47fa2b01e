import { headlineKeys } from '@promwall/core/headline';
import type { StandardRecord, Summary } from '@promwall/core/schemas';

/** The `metric_name` of one instance's share of a headline metric: a meaning of its own, so that
 * summing a name never adds the total to its parts. */
export const byInstanceName = (key: string) => `${key}_by_instance`;

/**
 * The summary as the seeds' "standard format": one record per headline figure, named by its
 * metric, and one per instance under `<metric>_by_instance` with its `instance` label. Each is
 * stamped with its sample's time; unit and status are fields, labels are only labels.
 */
export function toStandardRecords(summary: Summary): StandardRecord[] {
  const labels: Record<string, string> = {};
  if (summary.filters.job !== null) labels.job = summary.filters.job;
  if (summary.filters.instance !== null) labels.instance = summary.filters.instance;
  const common = { source: summary.source, data_type: 'metric' as const };
  return headlineKeys.flatMap((key) => {
    const { value, sampledAt, unit, status, byInstance } = summary.metrics[key];
    return [
      { metric_name: key, metric_value: value, timestamp: sampledAt, labels, unit, status, ...common },
      ...byInstance.map((row) => ({
        metric_name: byInstanceName(key),
        metric_value: row.value,
        timestamp: row.value === null ? null : sampledAt,
        labels: { ...labels, instance: row.instance },
        unit,
        status: row.status,
        ...common,
      })),
    ];
  });
}
