import type { Alerts } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { alertsQuery } from '../../api/alerts.ts';
import { ListPanel } from '../lists/ListPanel.tsx';
import { ListNote } from '../lists/ListParts.tsx';
import { AlertCounts, AlertmanagerNote } from './AlertCounts.tsx';
import { AlertRow, alertKey } from './AlertRow.tsx';

/** Alerts beyond this many are left to the alerts page. */
const MAX_ROWS = 8;

export interface AlertsPanelProps {
  refreshMs: number;
}

/** The overview's alerts panel: the most urgent alerts first, as the API sorts them. */
export function AlertsPanel({ refreshMs }: AlertsPanelProps) {
  const query = useQuery(alertsQuery({ refreshMs }));
  return (
    <ListPanel
      title="Alerts"
      to="/alerts"
      linkText="All alerts"
      testId="alerts-panel"
      query={query}
      refreshMs={refreshMs}
    >
      {(data) => <AlertsSummary data={data} />}
    </ListPanel>
  );
}

/** Counts and the most urgent alerts: the body of every alerts panel. */
export function AlertsSummary({ data }: { data: Alerts }) {
  const more = data.alerts.length - MAX_ROWS;
  return (
    <div className="list-panel__body">
      {data.alerts.length === 0 ? (
        <ListNote tone="ok" title="No alerts firing">
          Nothing pending either.
        </ListNote>
      ) : (
        <>
          <AlertCounts counts={data.counts} compact />
          <div role="table" aria-label="Alerts" className="list-panel__rows">
            {data.alerts.slice(0, MAX_ROWS).map((alert) => (
              <AlertRow key={alertKey(alert)} alert={alert} variant="compact" />
            ))}
          </div>
          {more > 0 && (
            <Link to="/alerts" className="text-link list-panel__more">
              and {more} more
            </Link>
          )}
        </>
      )}
      <AlertmanagerNote alertmanager={data.alertmanager} compact />
    </div>
  );
}
