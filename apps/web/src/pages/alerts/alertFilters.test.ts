import { describe, expect, it } from 'vitest';
import { recordedAlerts } from '../../components/alerts/testFixtures.ts';
import {
  decodeAlertFilters,
  encodeAlertFilters,
  filterAlerts,
  groupAlertsByName,
  hasAlertFilters,
  NO_ALERT_FILTERS,
  severitiesOf,
  type AlertFilters,
} from './alertFilters.ts';

function roundTrip(filters: AlertFilters): AlertFilters {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(encodeAlertFilters(filters)))
    if (value !== undefined) params.set(name, value);
  return decodeAlertFilters(`?${params}`);
}

const { alerts } = recordedAlerts;
const names = (list: { name: string }[]) => list.map((alert) => alert.name);

describe('alert filters in the URL', () => {
  it.each<AlertFilters>([
    NO_ALERT_FILTERS,
    { state: ['firing'], severity: [], q: '', silenced: 'show' },
    { state: ['firing', 'pending'], severity: ['critical', 'warning', 'page-me', 'none'], q: '', silenced: 'hide' },
    { state: [], severity: ['info'], q: 'instance=127.0.0.1:39100 p95', silenced: 'show' },
  ])('survives encode and decode: %j', (filters) => {
    expect(roundTrip(filters)).toEqual(filters);
  });

  it('removes unset filters and the defaults from the URL', () => {
    expect(encodeAlertFilters(NO_ALERT_FILTERS)).toEqual({
      state: undefined,
      severity: undefined,
      q: undefined,
      silenced: undefined,
    });
  });

  it('writes severities most urgent first, whatever order they were chosen in', () => {
    expect(encodeAlertFilters({ ...NO_ALERT_FILTERS, severity: ['none', 'info', 'critical'] }).severity).toBe(
      'critical,info,none',
    );
  });

  it.each(['', '?state=resolved', '?silenced=maybe', '?severity=,&q='])('reads %s as no filter', (search) => {
    expect(decodeAlertFilters(search)).toEqual(NO_ALERT_FILTERS);
    expect(hasAlertFilters(decodeAlertFilters(search))).toBe(false);
  });
});

describe('filterAlerts', () => {
  it('keeps the chosen states and severities', () => {
    expect(names(filterAlerts(alerts, { ...NO_ALERT_FILTERS, state: ['pending'] }))).toEqual([
      'DatabaseConnectionHigh',
    ]);
    expect(names(filterAlerts(alerts, { ...NO_ALERT_FILTERS, state: ['firing'], severity: ['critical'] }))).toEqual([
      'InstanceDown',
    ]);
  });

  it('filters alerts without a severity as none', () => {
    const unlabelled = { ...alerts[0]!, name: 'Watchdog', severity: null };
    expect(names(filterAlerts([...alerts, unlabelled], { ...NO_ALERT_FILTERS, severity: ['none'] }))).toEqual([
      'Watchdog',
    ]);
  });

  it('hides silenced and inhibited alerts when asked', () => {
    expect(names(filterAlerts(alerts, { ...NO_ALERT_FILTERS, silenced: 'hide' }))).not.toContain('HighCPUUsage');
    expect(filterAlerts(alerts, NO_ALERT_FILTERS)).toHaveLength(alerts.length);
  });

  it('searches the name, labels and annotations', () => {
    const search = (q: string) => names(filterAlerts(alerts, { ...NO_ALERT_FILTERS, q }));
    expect(search('instancedown')).toEqual(['InstanceDown']);
    expect(search('job=demo')).toEqual(['HighRequestLatency']);
    expect(search('backends')).toEqual(['DatabaseConnectionHigh']);
    expect(search('39100')).toEqual(['InstanceDown', 'HighCPUUsage']);
  });
});

describe('groupAlertsByName', () => {
  it('keeps the order of each name first appearing, counting firing and pending', () => {
    const second = {
      ...alerts[0]!,
      state: 'pending' as const,
      labels: { ...alerts[0]!.labels, instance: '10.0.0.9:9100' },
    };
    const groups = groupAlertsByName([...alerts, second]);
    expect(groups.map((group) => [group.name, group.firing, group.pending])).toEqual([
      ['InstanceDown', 1, 1],
      ['HighRequestLatency', 1, 0],
      ['HighCPUUsage', 1, 0],
      ['DatabaseConnectionHigh', 0, 1],
    ]);
  });

  it('lists the severities present, most urgent first', () => {
    expect(severitiesOf([...alerts, { ...alerts[0]!, severity: null }, { ...alerts[0]!, severity: 'info' }])).toEqual([
      'critical',
      'warning',
      'info',
      'none',
    ]);
  });
});
