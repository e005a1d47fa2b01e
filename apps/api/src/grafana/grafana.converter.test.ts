import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConversionError, convertGrafana } from './grafana.converter.ts';
import type { GrafanaDashboard } from './grafana.model.ts';
import { colourLevel } from './grafana.panels.ts';

const fixture = (name: string): GrafanaDashboard =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as GrafanaDashboard;

describe('convertGrafana on a Grafana 10 dashboard', () => {
  const conversion = convertGrafana(fixture('service-overview.json'));
  const panels = conversion.dashboard.rows.flatMap((row) => row.panels);

  it('converts stat, gauge, time-series and table panels, row by row', () => {
    expect(conversion.converted).toBe(7);
    expect(conversion.dashboard.rows.map((row) => [row.title, row.panels.map((panel) => panel.id)])).toEqual([
      ['Traffic', ['requests-s', 'memory-used', 'free-disk']],
      [undefined, ['latency', 'requests-by-status']],
      ['Hosts', ['resident-memory', 'targets']],
    ]);
    expect(conversion.dashboard).toMatchObject({
      title: 'Checkout service',
      description: 'Traffic, latency and hosts of the checkout service.',
      range: '6h',
      refresh: '30s',
    });
  });

  it('turns label_values variables into Promwall variables, their own variable matchers taken out', () => {
    expect(conversion.dashboard.variables).toEqual([
      { name: 'job', title: 'Job', match: 'up' },
      { name: 'instance', title: 'Instance', match: 'up' },
    ]);
  });

  it('takes variable matchers out of the queries and lists the variables each panel uses', () => {
    expect(panels[0]).toMatchObject({
      type: 'stat',
      query: 'sum(rate(app_request_total[5m]))',
      unit: 'requestsPerSecond',
      thresholds: { warning: 100, critical: 500 },
      variables: ['instance', 'job'],
      width: 3,
    });
    expect(panels.find((panel) => panel.id === 'targets')).toMatchObject({
      type: 'table',
      query: 'up',
      variables: ['job'],
    });
  });

  it('scales units Promwall has no name for, thresholds and bounds with them', () => {
    expect(panels[1]).toMatchObject({
      type: 'stat',
      query: '(avg(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100',
      unit: 'percent',
      thresholds: { warning: 80, critical: 90 },
    });
    expect(panels[3]).toMatchObject({
      type: 'timeseries',
      unit: 'seconds',
      min: 0,
      stacked: false,
      queries: [
        {
          query: '(histogram_quantile(0.5, sum by (le) (rate(app_request_duration_milliseconds_bucket[5m])))) / 1000',
          legend: 'p50',
        },
        {
          query: '(histogram_quantile(0.99, sum by (le) (rate(app_request_duration_milliseconds_bucket[5m])))) / 1000',
          legend: 'p99',
        },
      ],
    });
    expect(panels[4]).toMatchObject({ stacked: true, queries: [{ legend: '{{status}}' }] });
  });

  it('lists every panel it leaves out, with the reason', () => {
    expect(conversion.unsupported).toEqual([
      { title: 'On call', type: 'text', reason: 'text panels have no Promwall equivalent' },
      { title: 'Latency distribution', type: 'heatmap', reason: 'heatmap panels have no Promwall equivalent' },
      { title: 'Connections by pool', type: 'bargauge', reason: 'bargauge panels have no Promwall equivalent' },
      { title: 'Errors in logs', type: 'timeseries', reason: 'its data source is not Prometheus' },
      { title: 'Requests by chosen label', type: 'timeseries', reason: 'uses $env outside a label matcher' },
      { title: 'Up and down', type: 'stat', reason: "a stat panel with 2 queries; Promwall's shows one" },
    ]);
  });

  it('lists every feature it drops or changes', () => {
    expect(conversion.notes).toEqual([
      'dashboard links are not converted',
      'annotations are not converted',
      'variable $datasource (a data source) is not needed: Promwall has one upstream',
      'variable $instance: Promwall variables select one value or all, not several',
      'variable $env (custom: prod,staging) has no Promwall equivalent',
      'variable $smoothing (interval: 1m,5m,15m) has no Promwall equivalent',
      'variables without "All" in Grafana start at every value on Promwall: a stat panel may need one selected',
      'panel "Memory used": a gauge in Grafana, a stat tile here',
      'panel "Free disk": its thresholds (red, green from 10737418240) are not converted',
      'panel "Latency": a hidden query is left out',
      'panel "Latency": per-series overrides are not converted',
      'panel "Requests by status": transformations are not converted',
    ]);
  });

  it('writes the file as a person would: no defaults, variables last', () => {
    const written = conversion.file.rows[0]!.panels[0]!;
    expect(Object.keys(written)).toEqual([
      'id',
      'type',
      'title',
      'description',
      'width',
      'unit',
      'query',
      'thresholds',
      'variables',
    ]);
  });
});

describe('convertGrafana on what gives no board', () => {
  it('says so, with what it found', () => {
    const error = (() => {
      try {
        convertGrafana({ title: 'Notes', schemaVersion: 39, panels: [{ type: 'text', title: 'Read me' }] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConversionError);
    expect(error).toMatchObject({
      message: 'no panel could be converted',
      unsupported: [{ title: 'Read me', type: 'text', reason: 'text panels have no Promwall equivalent' }],
    });
  });
});

describe('colourLevel', () => {
  it('reads Grafana’s colour names and the hue of rgb() and hex colours', () => {
    expect(['green', 'dark-red', 'semi-dark-orange', 'yellow', 'blue'].map(colourLevel)).toEqual([
      'ok',
      'critical',
      'warning',
      'warning',
      'ok',
    ]);
    expect(
      ['rgba(50, 172, 45, 0.97)', 'rgba(237, 129, 40, 0.89)', 'rgba(245, 54, 54, 0.9)', '#F2495C', '#808080'].map(
        colourLevel,
      ),
    ).toEqual(['ok', 'warning', 'critical', 'critical', undefined]);
  });
});
