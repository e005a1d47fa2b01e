import type { Alert } from '@promwall/core/schemas';
import { useNow } from '../../hooks/useNow.ts';
import { LabelChips, ToneMark } from '../lists/ListParts.tsx';
import { activeFor, severityKey, severityTone, STATE_LOOKS } from './alertLooks.ts';
import './alerts.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AlertStateBadge({ state }: { state: Alert['state'] }) {
  const { label, tone, shape } = STATE_LOOKS[state];
  return (
    <span className={`alert-state tone--${tone}`}>
      <ToneMark shape={shape} />
      {label}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string | null }) {
  const key = severityKey(severity);
  return <span className={`severity-badge tone--${severityTone(key)}`}>{key}</span>;
}

function MutedBadges({ alert }: { alert: Alert }) {
  return (
    <>
      {alert.silenced && (
        <span className="muted-badge" title={`Silenced by ${alert.silencedBy.join(', ')}`}>
          Silenced
        </span>
      )}
      {alert.inhibited && (
        <span className="muted-badge" title={`Inhibited by ${alert.inhibitedBy.join(', ')}`}>
          Inhibited
        </span>
      )}
    </>
  );
}

function Since({ activeAt }: { activeAt: string | null }) {
  const now = useNow();
  if (!activeAt) return null;
  return (
    <time dateTime={activeAt} title={`Active since ${timeFormat.format(Date.parse(activeAt))}`}>
      {activeFor(activeAt, now)}
    </time>
  );
}

/** Labels the row shows already, as the group's name or the badge, are left out of the chips. */
function otherLabels(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).filter(([name]) => name !== 'alertname' && name !== 'severity');
}

/** An alert is its label set: Prometheus gives it no other id. */
export function alertKey(alert: Alert): string {
  return Object.entries(alert.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join('\u0000');
}

export interface AlertRowProps {
  alert: Alert;
  /** `full` sits under its group's name on the alerts page; `compact` names itself, for a panel. */
  variant?: 'full' | 'compact';
}

export function AlertRow({ alert, variant = 'full' }: AlertRowProps) {
  const { summary, description } = alert.annotations;
  const muted = alert.silenced || alert.inhibited;
  const className = `alert-row alert-row--${variant}${muted ? ' alert-row--muted' : ''}`;
  const testAttributes = {
    'data-testid': 'alert-row',
    'data-name': alert.name,
    'data-state': alert.state,
    'data-severity': severityKey(alert.severity),
    'data-silenced': String(alert.silenced),
  };

  if (variant === 'compact') {
    return (
      <div role="row" className={className} {...testAttributes}>
        <span role="cell">
          <AlertStateBadge state={alert.state} />
        </span>
        <span role="cell" className="alert-row__main">
          <span className="alert-row__line">
            <span className="alert-row__name">{alert.name}</span>
            <SeverityBadge severity={alert.severity} />
            <MutedBadges alert={alert} />
          </span>
          {summary && <span className="alert-row__summary">{summary}</span>}
        </span>
        <span role="cell" className="alert-row__since">
          <Since activeAt={alert.activeAt} />
        </span>
      </div>
    );
  }

  return (
    <div role="row" className={className} {...testAttributes}>
      <span role="cell">
        <AlertStateBadge state={alert.state} />
      </span>
      <span role="cell">
        <SeverityBadge severity={alert.severity} />
      </span>
      <span role="cell" className="alert-row__since">
        <Since activeAt={alert.activeAt} />
      </span>
      <span role="cell" className="alert-row__main">
        <span className="alert-row__line">
          <span className="alert-row__summary">{summary ?? alert.name}</span>
          <MutedBadges alert={alert} />
        </span>
        {description && <span className="alert-row__description">{description}</span>}
        <LabelChips labels={otherLabels(alert.labels)} />
      </span>
    </div>
  );
}
