import { headlineKeys } from '@promwall/core/headline';
import { alerts as alertsSchema } from '@promwall/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { startApi, type RunningApi } from './support/api.ts';
import { backendContract } from './support/backendContract.ts';

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
  await eventually(
    async () => {
      const { body } = await api.get('/api/v1/summary');
      return headlineKeys.every((key) => body.metrics[key].value !== null) ? body : undefined;
    },
    30_000,
    'every headline metric to have a value',
  );
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

backendContract(() => api, 'prometheus');

describe('GET /api/v1/summary', () => {
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
    ['/api/v1/summary/cpu?end=tomorrow', 400, 'bad_request'],
    ['/api/v1/summary/cpu?end=99999999999', 400, 'bad_request'],
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
      expect.arrayContaining([
        '/api/v1/summary',
        '/api/v1/summary/{metric}',
        '/api/v1/targets',
        '/api/v1/alerts',
        '/api/v1/dashboards',
        '/api/v1/dashboards/{id}',
        '/api/v1/dashboards/{id}/panels/{panel}',
        '/healthz',
        '/readyz',
      ]),
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
    .filter(
      (value) =>
        value.metricName === 'promwall_upstream_request_duration_seconds_count' &&
        value.labels.endpoint !== 'readiness',
    )
    .reduce((sum, value) => sum + value.value, 0);
}
