import type { Alert } from '@promwall/core/schemas';
import { StateWord, severityTone } from './StateIcon.tsx';
import { alertAge, alertPlace } from './wallLists.ts';

export interface TvAlertRowProps {
  alert: Alert;
  now: number;
}

/** One alert on a wall: severity as shape and word, name, where, and for how long. */
export function TvAlertRow({ alert, now }: TvAlertRowProps) {
  const age = alertAge(alert, now);
  const muted = alert.silenced ? 'silenced' : alert.inhibited ? 'inhibited' : undefined;
  const severity = (alert.severity ?? 'alert').toUpperCase();
  return (
    <li
      className="tv-alert"
      data-testid="tv-alert"
      data-state={alert.state}
      data-severity={alert.severity ?? 'none'}
      data-muted={muted !== undefined}
    >
      <StateWord tone={severityTone(alert.severity)} word={severity} />
      <span className="tv-alert__name">{alert.name}</span>
      <span className="tv-alert__place">{alertPlace(alert)}</span>
      <span className="tv-alert__age">
        {muted ?? (alert.state === 'pending' ? 'pending' : 'firing')}
        {age ? ` ${age}` : ''}
      </span>
    </li>
  );
}
