/** Severity labels from most to least urgent; others rank after these, alerts without one last. */
export const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info'] as const;

/** The severity an alert shows as when it has no `severity` label. */
export const NO_SEVERITY = 'none';

/** 0 for the most urgent; unknown severities after the known ones, no severity after all. */
export function severityRank(severity: string | null | undefined): number {
  if (severity === null || severity === undefined || severity === NO_SEVERITY) return SEVERITY_ORDER.length + 1;
  const index = (SEVERITY_ORDER as readonly string[]).indexOf(severity);
  return index < 0 ? SEVERITY_ORDER.length : index;
}
