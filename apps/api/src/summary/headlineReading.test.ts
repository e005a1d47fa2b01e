import { headlineMetrics } from '@promwall/core/headline';
import { headlineValue, type LinkedAlert } from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import type { MetricConfig } from '../config.ts';
import { UpstreamError } from '../upstream/upstream.client.ts';
import type { VectorSample } from '../upstream/queryResult.ts';
import { failedHeadline, headlineQuery, readHeadline as readCapped } from './headlineReading.ts';

const readHeadline = (...args: Parameters<typeof readCapped> extends [...infer A, number] ? A : never) =>
  readCapped(...args, 1_000);
const cpu: MetricConfig = { ...headlineMetrics.cpu, alerts: ['HighCPUUsage'] };
const AT = 1_795_000_000.123;

const headline = (value: string): VectorSample => ({ metric: { promwall_headline: '1' }, value: [AT, value] });
const instance = (name: string, value: string): VectorSample => ({ metric: { instance: name }, value: [AT, value] });
const source = (name: string, up: '0' | '1'): VectorSample => ({
  metric: { __name__: 'up', job: 'node', instance: name, promwall_source: '1' },
  value: [AT, up],
});
const inactive: LinkedAlert = {
  name: 'HighCPUUsage',
  state: 'inactive',
  severity: 'warning',
  activeAt: null,
  summary: null,
};

describe('headlineQuery', () => {
  it('rides the split and the sources in the headline’s query, every selector filtered', () => {
    const { query, combined } = headlineQuery(cpu, { job: 'node' });
    expect(query).toBe('100 - (avg(rate(node_cpu_seconds_total{mode="idle",job="node"}[2m])) * 100)');
    expect(combined).toBe(
      `label_replace(${query}, "promwall_headline", "1", "", "") or ` +
        '(100 - (avg by (instance) (rate(node_cpu_seconds_total{mode="idle",job="node"}[2m])) * 100)) or ' +
        'label_replace(up{job="node"} and on (job, instance) ' +
        '(last_over_time(node_cpu_seconds_total{mode="idle",job="node"}[15m])), "promwall_source", "1", "", "")',
    );
  });

  it('leaves the split out when the metric has none', () => {
    expect(headlineQuery({ ...cpu, byInstanceQuery: '' }, {}).combined).not.toContain('avg by (instance)');
  });
});

describe('readHeadline', () => {
  it('gives the figure its sample time, thresholds, sources and linked alerts', () => {
    const value = readHeadline(
      cpu,
      'q',
      [headline('42.5'), instance('a:9100', '42.5'), source('a:9100', '1')],
      [inactive],
    );
    expect(headlineValue.parse(value)).toEqual(value);
    expect(value).toMatchObject({
      value: 42.5,
      sampledAt: '2026-11-18T11:06:40.123Z',
      status: 'ok',
      reason: 'thresholds',
      thresholds: { warning: 70, critical: 80 },
      sources: { up: 1, down: 0 },
      alerts: [inactive],
      error: null,
      byInstance: [
        { instance: 'a:9100', value: 42.5, status: 'ok', reason: 'thresholds', sources: { up: 1, down: 0 } },
      ],
    });
  });

  it('says source down, not critical, for what is left in the window of a dead target', () => {
    const value = readHeadline(cpu, 'q', [headline('97'), instance('a:9100', '97'), source('a:9100', '0')], []);
    expect(value).toMatchObject({ value: 97, status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } });
    expect((value as { byInstance: unknown[] }).byInstance).toEqual([
      { instance: 'a:9100', value: 97, status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } },
    ]);
  });

  it('keeps a row for a down instance whose series are gone, and marks the figure partial', () => {
    const value = readHeadline(
      cpu,
      'q',
      [headline('20'), instance('a:9100', '20'), source('a:9100', '1'), source('b:9100', '0')],
      [],
    );
    expect(value).toMatchObject({ value: 20, status: 'ok', sources: { up: 1, down: 1 } });
    expect((value as { byInstance: unknown[] }).byInstance).toEqual([
      { instance: 'a:9100', value: 20, status: 'ok', reason: 'thresholds', sources: { up: 1, down: 0 } },
      { instance: 'b:9100', value: null, status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } },
    ]);
  });

  it('shows a firing linked rule whatever the thresholds say', () => {
    const firing: LinkedAlert = { ...inactive, state: 'firing', activeAt: '2026-11-18T07:30:00.000Z' };
    expect(readHeadline(cpu, 'q', [headline('12'), source('a:9100', '1')], [firing])).toMatchObject({
      status: 'warning',
      reason: 'alert',
    });
  });

  it('reads no series as no data, with no sources and no sample time', () => {
    expect(readHeadline(cpu, 'q', [], [])).toMatchObject({
      value: null,
      sampledAt: null,
      status: 'unknown',
      reason: 'no_data',
      sources: { up: 0, down: 0 },
      byInstance: [],
    });
  });

  it('refuses a headline query that returns several series', () => {
    const error = readHeadline(
      cpu,
      'q',
      [headline('1'), { ...headline('2'), metric: { promwall_headline: '1', a: 'b' } }],
      [],
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('ambiguous_query');
  });
});

describe('failedHeadline', () => {
  it('carries the metric’s own error, null everywhere a value would be', () => {
    const value = failedHeadline(cpu, {}, new UpstreamError('query', 502, 'query_error', 'prometheus: bad'), [
      inactive,
    ]);
    expect(headlineValue.parse(value)).toEqual(value);
    expect(value).toMatchObject({
      value: null,
      sampledAt: null,
      status: 'unknown',
      reason: 'failed',
      error: { code: 'query_error', message: 'prometheus: bad' },
    });
  });
});

describe('readHeadline past limits.maxInstances', () => {
  it('keeps the instances whose source is down, then the highest values, and says so', () => {
    const rows = [
      headline('50'),
      instance('a:9100', '10'),
      instance('b:9100', '90'),
      instance('c:9100', '5'),
      instance('d:9100', '70'),
      source('a:9100', '1'),
      source('b:9100', '1'),
      source('c:9100', '0'),
      source('d:9100', '1'),
    ];
    const value = readCapped(cpu, 'q', rows, [], 2);
    expect(value).toMatchObject({ byInstanceTruncated: { limit: 2, total: 4 } });
    expect((value as { byInstance: { instance: string }[] }).byInstance.map((row) => row.instance)).toEqual([
      'b:9100',
      'c:9100',
    ]);
  });
});
