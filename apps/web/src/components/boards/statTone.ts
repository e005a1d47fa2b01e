import type { StatData } from '@promwall/core/dashboardSchemas';
import type { Status } from '@promwall/core/schemas';

/** The tone a stat panel is drawn in: its threshold state, or a firing linked rule's. */
export function statTone(data: StatData): Status | 'none' {
  if (data.alertRules.some((rule) => rule.state === 'firing')) return 'critical';
  if (data.value === null) return 'unknown';
  return data.status ?? 'none';
}
