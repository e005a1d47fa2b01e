import { alerts as alertsSchema, headlineKeys, headlineSeries, standardRecord, summary as summarySchema, targets as targetsSchema } from '@promwall/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../stack/test/eventually.ts';
import { startTestStack } from '../../../stack/test/test-stack.ts';
import type { Stack } from '../../../stack/src/stack.ts';
import { startApi, type RunningApi } from './support/api.ts';

let stack: Stack;
let api: RunningApi;

beforeAll(async () => {
  ({ stack } = await startTestStack('api', { withoutPromwall: true }));
  api = await startApi({
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    PROMWALL_CACHE_TTL: '1s',
  });
  // Every headline needs two scrapes of each exporter before it has a value.
  await eventually(async () => {
    const { body } = await api.get('/api/v1/summary');
    return headlineKeys.every((key) => body.metrics[key].value !== null) ? body : undefined;
  }, 30_000, 'every headline metric to have a value');
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

describe('GET /api/v1/summary', () => {
  it('answers the five headline metrics with values, units, states, queries and instances', async () => {
    const { status, body } = await api.get('/api/v1/summary');

    expect(status).toBe(200);
    expect(() => summarySchema.parse(body)).not.toThrow();
    expect(body.source).toBe('prometheus');
    expect(body.stale).toBe(false);
    for (const key of headlineKeys) {
      const metric = body.metrics[key];
      expect(metric.value, key).toEqual(expect.any(Number));
      expect(metric.error, key).toBeUndefined();
      expect(['ok', 'warning', 'critical']).toContain(metric.status);
      expect(metric.byInstance.length, key).toBeGreaterThan(0);
    }
    expect(body.metrics.cpu.value).toBeGreaterThanOrEqual(0);
    expect(body.metrics.cpu.value).toBeLessThanOrEqual(100);
    expect(body.metrics.cpu.unit).toBe('percent');
    expect(body.metrics.dbConnections.value).toBeGreaterThanOrEqual(1);
    expect(body.metrics.rps.value).toBeGreaterThan(0);
    expect(body.metrics.latencyP95.unit).toBe('seconds');
  });

  it('applies ?job= to every selector and reports no data as null, not 0', async () => {
    const node = (await api.get('/api/v1/summary?job=node')).body;
    expect(node.metrics.cpu.value).toEqual(expect.any(Number));
    expect(node.metrics.cpu.query).toBe('100 - (avg(rate(node_cpu_seconds_total{mode="idle",job="node"}[5m])) * 100)');
    expect(node.metrics.rps.value).toBeNull();
    expect(node.metrics.rps.status).toBe('unknown');
    expect(node.metrics.rps.error).toBeUndefined();
    expect(node.filters).toEqual({ job: 'node' });
  });

  it.each([
    'x"} or vector(1) or {a="',
    'node"}) or vector(1) #',
    'back\\slash',
    'new\nline',
    '.*',
    '{job=~".+"}',
  ])('matches the hostile filter value %j literally, as one label value', async (value) => {
    const { status, body } = await api.get(`/api/v1/summary?job=${encodeURIComponent(value)}`);

    expect(status).toBe(200);
    for (const key of headlineKeys) {
      expect(body.metrics[key].value, key).toBeNull();
      expect(body.metrics[key].error, key).toBeUndefined();
      expect(body.metrics[key].query).toContain(`job=${JSON.stringify(value)}`);
    }
  });

  it('answers ?format=standard with standard-format records', async () => {
    const { status, body } = await api.get('/api/v1/summary?format=standard&job=node');

    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    for (const record of body) expect(() => standardRecord.parse(record)).not.toThrow();
    const cpu = body.find((record: { metric_name: string; labels: Record<string, string> }) => record.metric_name === 'cpu' && !record.labels.instance);
    expect(cpu).toMatchObject({ source: 'prometheus', data_type: 'metric', labels: { job: 'node', unit: 'percent' } });
    expect(cpu.metric_value).toEqual(expect.any(Number));
  });

  it.each([
    ['?job=a&job=b', 'job: given more than once'],
    ['?job[]=a', 'unknown parameter: job[]'],
    ['?jobs=a', 'unknown parameter: jobs'],
    ['?job=', 'job: must not be empty'],
    [`?job=${'x'.repeat(1025)}`, 'job: must be at most 1024 characters'],
    ['?format=xml', 'format: '],
  ])('refuses %s with 400', async (query, message) => {
    const { status, body } = await api.get(`/api/v1/summary${query}`);

    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(message);
  });

  it('refuses a query string too large for the server with a 4xx', async () => {
    const { status } = await api.get(`/api/v1/summary?job=${'x'.repeat(100_000)}`);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});

describe('GET /api/v1/summary/{metric}', () => {
  it('answers a series with a step chosen from the range', async () => {
    // A fresh stack has seconds of data: wait until the range holds a few points.
    const { status, body } = await eventually(async () => {
      const response = await api.get('/api/v1/summary/cpu?range=5m');
      return response.body.series?.[0]?.points.length > 1 ? response : undefined;
    }, 20_000, 'a CPU series of two points');

    expect(status).toBe(200);
    expect(() => headlineSeries.parse(body)).not.toThrow();
    expect(body.stepSeconds).toBe(1);
    expect(body.series).toHaveLength(1);
    expect(body.series[0].points.length).toBeGreaterThan(1);
    expect(body.series[0].points.length).toBeLessThanOrEqual(301);
    expect(Date.parse(body.end) - Date.parse(body.start)).toBe(300_000);
  });

  it('keeps within the points asked for, and splits by instance on request', async () => {
    const { body } = await eventually(async () => {
      const response = await api.get('/api/v1/summary/memory?range=2m&points=30&by=instance');
      return response.body.series?.length > 0 ? response : undefined;
    }, 20_000, 'a memory series');

    expect(body.stepSeconds).toBe(5);
    expect(body.series.length).toBeGreaterThan(0);
    expect(body.series[0].labels.instance).toEqual(expect.any(String));
    for (const series of body.series) expect(series.points.length).toBeLessThanOrEqual(25);
  });

  it.each([
    ['/api/v1/summary/cpu?range=100y', 400, 'range_too_long'],
    ['/api/v1/summary/cpu?range=1d&step=1s', 400, 'too_many_points'],
    ['/api/v1/summary/cpu?range=31d&step=1m', 400, 'too_many_points'],
    ['/api/v1/summary/cpu?step=0', 400, 'bad_request'],
    ['/api/v1/summary/cpu?step=-1s', 400, 'bad_request'],
    ['/api/v1/summary/cpu?step=0.1', 400, 'bad_request'],
    ['/api/v1/summary/cpu?range=soon', 400, 'bad_request'],
    ['/api/v1/summary/cpu?range=1h&range=2h', 400, 'bad_request'],
    ['/api/v1/summary/cpu?points=100000', 400, 'bad_request'],
    ['/api/v1/summary/disk', 404, 'not_found'],
    ['/api/v1/summary/%22%3E%3Cscript%3E', 404, 'not_found'],
  ])('refuses %s with %i %s, before asking Prometheus', async (path, status, code) => {
    const before = await upstreamRequests();
    const response = await api.get(path);

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await upstreamRequests()).toBe(before);
  });
});

describe('GET /api/v1/targets', () => {
  it('lists every target with its health, and counts them', async () => {
    const { status, body } = await api.get('/api/v1/targets');

    expect(status).toBe(200);
    expect(() => targetsSchema.parse(body)).not.toThrow();
    expect(body.targets.map((target: { job: string }) => target.job)).toEqual(['alertmanager', 'demo', 'node', 'postgres', 'prometheus']);
    expect(body.counts).toEqual({ up: 5, down: 0, unknown: 0, total: 5 });
    const node = body.targets.find((target: { job: string }) => target.job === 'node');
    expect(node).toMatchObject({ health: 'up', lastError: '', scrapeUrl: expect.stringContaining('/metrics') });
    expect(node.lastScrapeDurationSeconds).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(node.lastScrape)).toBeLessThan(10_000);
  });

  it('refuses parameters it does not take', async () => {
    expect((await api.get('/api/v1/targets?state=any')).status).toBe(400);
  });
});

describe('GET /api/v1/alerts', () => {
  it('answers the alert list merged with Alertmanager, with counts', async () => {
    const { status, body } = await api.get('/api/v1/alerts');

    expect(status).toBe(200);
    expect(() => alertsSchema.parse(body)).not.toThrow();
    expect(body.alertmanager).toBe('merged');
    expect(body.counts.total).toBe(body.alerts.length);
    expect(body.counts.byState).toMatchObject({ firing: expect.any(Number), pending: expect.any(Number) });
  });
});

describe('the documented contract', () => {
  it('serves an OpenAPI document naming every endpoint', async () => {
    const { status, body } = await api.get('/api/v1/openapi.json');

    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/summary', '/api/v1/summary/{metric}', '/api/v1/targets', '/api/v1/alerts', '/healthz', '/readyz']),
    );
    const summary = body.paths['/api/v1/summary'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(summary)).toContain('latencyP95');
  });
});

describe('caching and coalescing', () => {
  it('sends one upstream round for many concurrent identical requests', async () => {
    const fresh = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_CACHE_TTL: '30s' });
    try {
      const responses = await Promise.all(Array.from({ length: 100 }, () => fresh.get('/api/v1/summary?job=demo')));
      expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
      expect(new Set(responses.map((response) => response.body.generatedAt)).size).toBe(1);
      // One query per headline metric: the split by instance rides in the same query.
      expect(await upstreamRequests(fresh)).toBe(headlineKeys.length);
    } finally {
      await fresh.close();
    }
  });
});

/** Queries Promwall sent upstream so far, from its own metrics. */
async function upstreamRequests(target: RunningApi = api): Promise<number> {
  const metric = await target.metrics.upstreamRequests.get();
  return metric.values
    .filter((value) => value.metricName === 'promwall_upstream_request_duration_seconds_count' && value.labels.endpoint !== 'readiness')
    .reduce((sum, value) => sum + value.value, 0);
}
