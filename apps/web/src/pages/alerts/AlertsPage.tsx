import { roleAllows } from '@promwall/core/auth';
import type { Alerts } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { alertsQuery } from '../../api/alerts.ts';
import { sessionQuery } from '../../api/session.ts';
import { AlertCounts, AlertmanagerNote } from '../../components/alerts/AlertCounts.tsx';
import { AlertRow, alertKey } from '../../components/alerts/AlertRow.tsx';
import { ALERT_STATES, severityTone, STATE_LOOKS } from '../../components/alerts/alertLooks.ts';
import { ListPage } from '../../components/lists/ListPage.tsx';
import {
  ChoiceChips,
  FilterSummary,
  GroupFigure,
  ListGroup,
  ListNote,
  SearchField,
} from '../../components/lists/ListParts.tsx';
import { toggleChoice } from '../../components/lists/listFilters.ts';
import { useTimeState } from '../../hooks/useTimeState.ts';
import { useSearchState } from '../../url/useSearchState.ts';
import {
  decodeAlertFilters,
  encodeAlertFilters,
  filterAlerts,
  groupAlertsByName,
  hasAlertFilters,
  NO_ALERT_FILTERS,
  severitiesOf,
  type AlertGroup,
} from './alertFilters.ts';
import { ExpireSilence, SilenceControls } from './SilenceControls.tsx';

export function AlertsPage() {
  const [{ refreshMs }] = useTimeState();
  const query = useQuery(alertsQuery({ refreshMs }));
  return (
    <ListPage query={query} refreshMs={refreshMs}>
      {(data) => <AlertsView data={data} />}
    </ListPage>
  );
}

/** The admin token's name when this browser holds one and Alertmanager answers: silences can be made. */
function useSilenceAuthor(alerts: Alerts): string | undefined {
  const { data } = useQuery(sessionQuery());
  const principal = data?.principal;
  if (!principal || !roleAllows(principal.role, 'admin') || alerts.alertmanager !== 'merged') return undefined;
  return principal.name;
}

function AlertsView({ data }: { data: Alerts }) {
  const author = useSilenceAuthor(data);
  // Typing replaces the history entry; every other change adds one, so Back undoes it.
  const [filters, setFilters] = useSearchState(decodeAlertFilters, encodeAlertFilters);
  const silencedId = useId();
  const shown = useMemo(() => filterAlerts(data.alerts, filters), [data.alerts, filters]);
  const groups = useMemo(() => groupAlertsByName(shown), [shown]);
  // A severity named in the URL stays a choice, so that it can be turned off again.
  const severities = useMemo(
    () => [...new Set([...severitiesOf(data.alerts), ...filters.severity])],
    [data.alerts, filters.severity],
  );

  return (
    <>
      <AlertCounts counts={data.counts} />
      <AlertmanagerNote alertmanager={data.alertmanager} />
      <div className="list-filters">
        <SearchField
          value={filters.q}
          placeholder="Name, label or annotation"
          onChange={(q) => setFilters({ ...filters, q }, { replace: true })}
        />
        <ChoiceChips
          label="State"
          selected={filters.state}
          choices={ALERT_STATES.map((state) => ({
            value: state,
            count: data.counts.byState[state] ?? 0,
            ...STATE_LOOKS[state],
          }))}
          onToggle={(state) => setFilters({ ...filters, state: toggleChoice(filters.state, state) })}
        />
        {severities.length > 0 && (
          <ChoiceChips
            label="Severity"
            selected={filters.severity}
            choices={severities.map((severity) => ({
              value: severity,
              label: severity,
              count: data.counts.bySeverity[severity] ?? 0,
              tone: severityTone(severity),
            }))}
            onToggle={(severity) => setFilters({ ...filters, severity: toggleChoice(filters.severity, severity) })}
          />
        )}
        <label className="field" htmlFor={silencedId}>
          <span className="field__label">Silenced &amp; inhibited</span>
          <select
            id={silencedId}
            value={filters.silenced}
            onChange={(event) => setFilters({ ...filters, silenced: event.target.value === 'hide' ? 'hide' : 'show' })}
          >
            <option value="show">Show, dimmed</option>
            <option value="hide">Hide</option>
          </select>
        </label>
        <FilterSummary
          shown={shown.length}
          total={data.alerts.length}
          noun="alert"
          filtered={hasAlertFilters(filters)}
          onClear={() => setFilters(NO_ALERT_FILTERS)}
        />
      </div>
      {data.alerts.length === 0 ? (
        <ListNote tone="ok" title="No alerts firing">
          Nothing is pending either: every alerting rule is quiet.
        </ListNote>
      ) : groups.length === 0 ? (
        <ListNote tone="neutral" title="No alerts match these filters" />
      ) : (
        <div role="table" aria-label="Alerts by name" className="list-table">
          {groups.map((group) => (
            <AlertSection key={group.name} group={group} author={author} />
          ))}
        </div>
      )}
    </>
  );
}

function AlertSection({ group, author }: { group: AlertGroup; author: string | undefined }) {
  return (
    <ListGroup
      title={group.name}
      figures={ALERT_STATES.filter((state) => group[state] > 0).map((state) => (
        <GroupFigure key={state} tone={STATE_LOOKS[state].tone} shape={STATE_LOOKS[state].shape}>
          {group[state]} {state}
        </GroupFigure>
      ))}
    >
      {group.alerts.map((alert) =>
        author ? (
          <AlertRow
            key={alertKey(alert)}
            alert={alert}
            silenceActions={(silence) => <ExpireSilence silence={silence} />}
          >
            <SilenceControls alert={alert} author={author} />
          </AlertRow>
        ) : (
          <AlertRow key={alertKey(alert)} alert={alert} />
        ),
      )}
    </ListGroup>
  );
}
