import type { Alert, Silence } from '@promwall/core/schemas';
import { formatSeconds } from '@promwall/core/units';
import type { ReactNode } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import { clockTime } from '../../time/clock.ts';
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

/** `by ops-alice until Nov 22, 16:05:00 (1h 58m left)`: who silenced an alert, and for how long yet. */
export function silenceSummary(silence: Silence, now: number): string {
  const left = Math.max(0, Math.floor((Date.parse(silence.endsAt) - now) / 1000));
  const by = silence.createdBy ? `by ${silence.createdBy} ` : '';
  return `${by}until ${clockTime(Date.parse(silence.endsAt), { withDate: true })} (${formatSeconds(left)} left)`;
}

function MutedBadges({ alert }: { alert: Alert }) {
  const now = useNow();
  const silencedBy =
    alert.silences.length > 0
      ? alert.silences.map((silence) => silenceSummary(silence, now)).join('; ')
      : alert.silencedBy.join(', ');
  return (
    <>
      {alert.silenced && (
        <span className="muted-badge" title={`Silenced ${silencedBy}`}>
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

/** Each silence of an alert: who made it, until when, and why. */
function SilenceNotes({ silences, actions }: { silences: Silence[]; actions?: (silence: Silence) => ReactNode }) {
  const now = useNow();
  if (silences.length === 0) return null;
  return (
    <ul className="silence-notes" aria-label="Silences">
      {silences.map((silence) => (
        <li key={silence.id} className="silence-note" data-testid="silence-note">
          <span>
            Silenced {silenceSummary(silence, now)}
            {silence.comment && <span className="silence-note__comment"> · {silence.comment}</span>}
          </span>
          {actions?.(silence)}
        </li>
      ))}
    </ul>
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
  /** Controls beside each of its silences (full rows): an admin's Expire. */
  silenceActions?: (silence: Silence) => ReactNode;
  /** More under the row's text (full rows): an admin's Silence form. */
  children?: ReactNode;
}

export function AlertRow({ alert, variant = 'full', silenceActions, children }: AlertRowProps) {
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
        <SilenceNotes silences={alert.silences} actions={silenceActions} />
        {children}
      </span>
    </div>
  );
}
