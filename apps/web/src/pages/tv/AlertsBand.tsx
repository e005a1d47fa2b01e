import type { Alert } from '@promwall/core/schemas';
import { NO_VALUE } from '@promwall/core/units';
import type { CSSProperties } from 'react';
import { TvAlertRow } from './AlertRow.tsx';
import { StateIcon } from './StateIcon.tsx';
import { isUrgent } from './wallLists.ts';

export interface AlertsBandProps {
  /** In wall order (urgent first); undefined before the first answer. */
  alerts: Alert[] | undefined;
  now: number;
  stale: boolean;
  /** Rows listed before "+N more": the band has a fixed height so it never pushes the tiles out. */
  rows: number;
  /** Full screen: the alerts page of a rotation rather than the band under the tiles. */
  board?: boolean;
}

function headline(alerts: Alert[]): string {
  const urgent = alerts.filter(isUrgent).length;
  const firing = alerts.filter((alert) => alert.state === 'firing').length;
  const pending = alerts.length - firing;
  const counts = [...(firing ? [`${firing} firing`] : []), ...(pending ? [`${pending} pending`] : [])].join(' · ');
  return urgent > 0 ? `${urgent} critical · ${counts}` : counts;
}

/** The wall's alerts: quiet when none fire, prominent (colour, shape and size) when a critical one does. */
export function AlertsBand({ alerts, now, stale, rows, board = false }: AlertsBandProps) {
  const urgent = alerts?.some(isUrgent) ?? false;
  const quiet = alerts?.length === 0;
  const className = [
    'tv-band',
    'tv-panel',
    board ? 'tv-band--board' : '',
    urgent ? 'tv-band--urgent' : '',
    quiet ? 'tv-band--quiet' : '',
  ]
    .filter(Boolean)
    .join(' ');
  let body;
  if (alerts === undefined) {
    body = (
      <h2 className="tv-band__title tv-tone--unknown">
        <StateIcon tone="unknown" /> Alerts {NO_VALUE}
      </h2>
    );
  } else if (quiet) {
    body = (
      <h2 className="tv-band__title tv-tone--ok">
        <StateIcon tone="ok" /> No alerts firing
      </h2>
    );
  } else {
    const listed = alerts.length > rows ? alerts.slice(0, rows - 1) : alerts;
    body = (
      <>
        <h2 className={`tv-band__title ${urgent ? 'tv-tone--critical' : 'tv-tone--warning'}`}>
          <StateIcon tone={urgent ? 'critical' : 'warning'} /> {headline(alerts)}
        </h2>
        <ol className="tv-band__list">
          {listed.map((alert) => (
            <TvAlertRow key={`${alert.name}${JSON.stringify(alert.labels)}`} alert={alert} now={now} />
          ))}
          {listed.length < alerts.length && <li className="tv-band__more">+{alerts.length - listed.length} more</li>}
        </ol>
      </>
    );
  }
  return (
    <section
      className={className}
      data-testid="tv-alerts-band"
      data-urgent={urgent}
      data-stale={stale}
      style={{ '--rows': rows } as CSSProperties}
    >
      {body}
    </section>
  );
}
