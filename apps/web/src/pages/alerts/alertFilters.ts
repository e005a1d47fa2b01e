import type { Alert } from '@promwall/core/schemas';
import { ALERT_STATES, compareSeverity, severityKey, type AlertState } from '../../components/alerts/alertLooks.ts';
import { decodeChoices, decodeList, encodeList, labelPairs, matchesText } from '../../components/lists/listFilters.ts';

/**
 * What the alerts page shows. Empty `state` and `severity` lists mean all of them; `severity`
 * holds the label's values, `none` for alerts without one. `silenced: 'hide'` leaves out the
 * alerts Alertmanager mutes, whether by a silence or by an inhibition.
 */
export interface AlertFilters {
  state: AlertState[];
  severity: string[];
  q: string;
  silenced: 'show' | 'hide';
}

export const NO_ALERT_FILTERS: AlertFilters = { state: [], severity: [], q: '', silenced: 'show' };

/** Reads `?state=firing&severity=critical,warning&q=…&silenced=hide`. */
export function decodeAlertFilters(search: string): AlertFilters {
  const params = new URLSearchParams(search);
  return {
    state: decodeChoices(params.get('state'), ALERT_STATES),
    severity: decodeList(params.get('severity')).sort(compareSeverity),
    q: params.get('q') ?? '',
    silenced: params.get('silenced') === 'hide' ? 'hide' : 'show',
  };
}

/** The query parameters for the filters; unset ones and defaults are removed from the URL. */
export function encodeAlertFilters({ state, severity, q, silenced }: AlertFilters): Record<string, string | undefined> {
  return {
    state: encodeList(ALERT_STATES.filter((choice) => state.includes(choice))),
    severity: encodeList([...severity].sort(compareSeverity)),
    q: q || undefined,
    silenced: silenced === 'hide' ? 'hide' : undefined,
  };
}

export function hasAlertFilters({ state, severity, q, silenced }: AlertFilters): boolean {
  return state.length > 0 || severity.length > 0 || q.trim() !== '' || silenced === 'hide';
}

export function isMuted(alert: Alert): boolean {
  return alert.silenced || alert.inhibited;
}

export function filterAlerts(alerts: readonly Alert[], { state, severity, q, silenced }: AlertFilters): Alert[] {
  return alerts.filter(
    (alert) =>
      (state.length === 0 || state.includes(alert.state)) &&
      (severity.length === 0 || severity.includes(severityKey(alert.severity))) &&
      (silenced === 'show' || !isMuted(alert)) &&
      matchesText([alert.name, ...labelPairs(alert.labels), ...Object.values(alert.annotations)], q),
  );
}

export interface AlertGroup {
  name: string;
  alerts: Alert[];
  firing: number;
  pending: number;
}

/** Alerts by name. The API sorts the most urgent first; groups keep that order, by their first. */
export function groupAlertsByName(alerts: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of alerts) {
    let group = groups.get(alert.name);
    if (!group) {
      group = { name: alert.name, alerts: [], firing: 0, pending: 0 };
      groups.set(alert.name, group);
    }
    group.alerts.push(alert);
    group[alert.state]++;
  }
  return [...groups.values()];
}

/** The severities present, most urgent first, for the severity filter. */
export function severitiesOf(alerts: readonly Alert[]): string[] {
  return [...new Set(alerts.map((alert) => severityKey(alert.severity)))].sort(compareSeverity);
}
