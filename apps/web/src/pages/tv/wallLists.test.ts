import type { Alert, Target } from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import { alertAge, alertPlace, gridShape, isUrgent, wallAlerts, wallTargets } from './wallLists.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

function alert(name: string, over: Partial<Alert> = {}): Alert {
  return {
    name,
    state: 'firing',
    severity: 'warning',
    labels: { alertname: name },
    annotations: {},
    activeAt: '2026-11-22T11:56:40Z',
    value: 1,
    silenced: false,
    inhibited: false,
    silencedBy: [],
    inhibitedBy: [],
    silences: [],
    ...over,
  };
}

function target(job: string, instance: string, health: Target['health']): Target {
  return {
    job,
    instance,
    health,
    lastScrape: null,
    lastScrapeDurationSeconds: null,
    lastError: null,
    downSince: null,
    scrapeUrl: null,
    labels: {},
  };
}

describe('wallAlerts', () => {
  it('lists firing critical alerts first, then other firing, then pending, silenced last', () => {
    const list = [
      alert('Pending', { state: 'pending', severity: 'critical' }),
      alert('Warn'),
      alert('Silenced', { severity: 'critical', silenced: true }),
      alert('Crit', { severity: 'critical' }),
      alert('Info', { severity: null }),
    ];
    expect(wallAlerts(list, {}).map((a) => a.name)).toEqual(['Crit', 'Warn', 'Info', 'Pending', 'Silenced']);
  });

  it('keeps alerts that do not carry a filtered label, drops those that carry another value', () => {
    const list = [
      alert('Other', { labels: { job: 'demo' } }),
      alert('Same', { labels: { job: 'node' } }),
      alert('NoJob'),
    ];
    expect(wallAlerts(list, { job: 'node' }).map((a) => a.name)).toEqual(['Same', 'NoJob']);
  });
});

describe('isUrgent', () => {
  it('is true only for a firing critical alert nobody silenced', () => {
    expect(isUrgent(alert('A', { severity: 'critical' }))).toBe(true);
    expect(isUrgent(alert('A', { severity: 'critical', state: 'pending' }))).toBe(false);
    expect(isUrgent(alert('A', { severity: 'critical', inhibited: true }))).toBe(false);
    expect(isUrgent(alert('A'))).toBe(false);
  });
});

describe('alertAge and alertPlace', () => {
  it('says how long an alert has been active', () => {
    expect(alertAge(alert('A'), NOW)).toBe('3m 20s');
    expect(alertAge(alert('A', { activeAt: null }), NOW)).toBeUndefined();
  });

  it('names the instance, else the job, else the summary', () => {
    expect(alertPlace(alert('A', { labels: { instance: 'db:9100', job: 'node' } }))).toBe('db:9100');
    expect(alertPlace(alert('A', { labels: { job: 'node' } }))).toBe('node');
    expect(alertPlace(alert('A', { labels: {}, annotations: { summary: 'p95 is high' } }))).toBe('p95 is high');
  });
});

describe('wallTargets', () => {
  it('puts down targets first and applies the filters', () => {
    const list = [
      target('node', 'a:1', 'up'),
      target('demo', 'b:2', 'down'),
      target('node', 'c:3', 'down'),
      target('node', 'd:4', 'unknown'),
    ];
    expect(wallTargets(list, {}).map((t) => t.instance)).toEqual(['b:2', 'c:3', 'd:4', 'a:1']);
    expect(wallTargets(list, { job: 'node' }).map((t) => t.instance)).toEqual(['c:3', 'd:4', 'a:1']);
  });
});

describe('gridShape', () => {
  it('fits a few targets in large cells', () => {
    expect(gridShape(6)).toEqual({ columns: 4, rows: 2, shown: 6 });
    expect(gridShape(1)).toEqual({ columns: 2, rows: 1, shown: 1 });
  });

  it('keeps one cell for "+N more" when the targets do not fit', () => {
    expect(gridShape(40)).toEqual({ columns: 8, rows: 5, shown: 40 });
    expect(gridShape(300)).toEqual({ columns: 8, rows: 5, shown: 39 });
  });
});
