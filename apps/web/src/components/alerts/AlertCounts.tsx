import type { Alerts } from '@promwall/core/schemas';
import { CountStrip, ListNote, type CountItem } from '../lists/ListParts.tsx';
import { ALERT_STATES, compareSeverity, severityTone, STATE_LOOKS } from './alertLooks.ts';

const KNOWN_SEVERITIES = ['critical', 'warning', 'info'];

export interface AlertCountsProps {
  counts: Alerts['counts'];
  /** Only firing and pending, for an overview panel. */
  compact?: boolean;
}

export function AlertCounts({ counts, compact = false }: AlertCountsProps) {
  const states: CountItem[] = ALERT_STATES.map((state) => {
    const value = counts.byState[state] ?? 0;
    const { label, tone, shape } = STATE_LOOKS[state];
    return { key: state, label, value, tone: value > 0 ? tone : 'neutral', shape };
  });
  if (compact) return <CountStrip testId="alert-counts" groups={[states]} compact />;
  const severities = [...new Set([...KNOWN_SEVERITIES, ...Object.keys(counts.bySeverity)])].sort(compareSeverity);
  return (
    <CountStrip
      testId="alert-counts"
      groups={[
        states,
        severities.map((severity) => {
          const value = counts.bySeverity[severity] ?? 0;
          const tone = severityTone(severity);
          return { key: `severity-${severity}`, label: severity, value, tone: value > 0 ? tone : 'neutral' };
        }),
        [{ key: 'total', label: 'Total', value: counts.total, tone: 'neutral' }],
      ]}
    />
  );
}

export interface AlertmanagerNoteProps {
  alertmanager: Alerts['alertmanager'];
  /** One line, for an overview panel. */
  compact?: boolean;
}

/** Without Alertmanager, nothing says which alerts are silenced: the list must not pretend. */
export function AlertmanagerNote({ alertmanager, compact = false }: AlertmanagerNoteProps) {
  if (alertmanager === 'merged') return null;
  if (compact) {
    const title =
      alertmanager === 'unreachable'
        ? 'Alertmanager unreachable: silences not shown'
        : 'No Alertmanager configured: silences not shown';
    return <ListNote tone={alertmanager === 'unreachable' ? 'warning' : 'info'} title={title} compact />;
  }
  return alertmanager === 'unreachable' ? (
    <ListNote tone="warning" title="Alertmanager is unreachable">
      Silences and inhibitions cannot be checked: the alerts are shown as Prometheus reports them.
    </ListNote>
  ) : (
    <ListNote tone="info" title="Alertmanager is not configured">
      Silences and inhibitions are not shown: the alerts are listed as Prometheus reports them.
    </ListNote>
  );
}
