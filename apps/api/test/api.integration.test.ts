import { headlineKeys } from '@promwall/core/headline';
import {
  alerts as alertsSchema,
  type Alerts,
  type Display,
  type ErrorBody,
  type Health,
  type HeadlineSeries,
  type Heartbeat,
  type PrometheusError,
  type Readiness,
  type StandardRecord,
  type Summary,
  type Targets,
  type TvConfig,
} from '@promwall/core/schemas';
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { startApi, upstreamRequests, type RunningApi } from './support/api.ts';
import { backendContract } from './support/backendContract.ts';
import { documentedAnswers, type AnswerCheck } from './support/documentedAnswers.ts';
import type { components, paths } from '../src/openapi/openapi.types.ts';

type Schemas = components['schemas'];

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
    ['/api/v1/summary/cpu?end=1795000000', 400, 'bad_request'],
    ['/api/v1/summary/cpu?end=2026-11-22T10:00:00', 400, 'bad_request'],
    ['/api/v1/summary/disk', 404, 'not_found'],
    ['/api/v1/summary/%22%3E%3Cscript%3E', 404, 'not_found'],
  ])('refuses %s with %i %s, before asking Prometheus', async (path, status, code) => {
    const before = await upstreamRequests(api);
    const response = await api.get(path);

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await upstreamRequests(api)).toBe(before);
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
  let client: Client<paths>;
  let check: AnswerCheck;

  beforeAll(async () => {
    check = documentedAnswers((await api.get('/api/v1/openapi.json')).body);
    client = createClient<paths>({ baseUrl: api.url });
  });

  it('serves the OpenAPI 3.1 document, answers under components', async () => {
    const { data, response } = await client.GET('/api/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ openapi: '3.1.0', components: { schemas: { Summary: expect.any(Object) } } });
  });

  // Checked by `npm run typecheck`: the generated types and the code's wire types are the same types.
  it('has generated types equal to the wire types the code answers with', () => {
    expectTypeOf<Schemas['Summary']>().toEqualTypeOf<Summary>();
    expectTypeOf<Schemas['StandardRecord']>().toEqualTypeOf<StandardRecord>();
    expectTypeOf<Schemas['HeadlineSeries']>().toEqualTypeOf<HeadlineSeries>();
    expectTypeOf<Schemas['Targets']>().toEqualTypeOf<Targets>();
    expectTypeOf<Schemas['TvConfig']>().toEqualTypeOf<TvConfig>();
    expectTypeOf<Schemas['Heartbeat']>().toEqualTypeOf<Heartbeat>();
    expectTypeOf<Schemas['Display']>().toEqualTypeOf<Display>();
    expectTypeOf<Schemas['Health']>().toEqualTypeOf<Health>();
    expectTypeOf<Schemas['Readiness']>().toEqualTypeOf<Readiness>();
    expectTypeOf<Schemas['Error']>().toEqualTypeOf<ErrorBody>();
    // Loose objects (bySeverity has its known keys and any other): zod and openapi-typescript spell
    // the index signature differently.
    expectTypeOf<Schemas['Alerts']>().toExtend<Alerts>();
    expectTypeOf<Alerts>().toExtend<Schemas['Alerts']>();
    expectTypeOf<Schemas['PrometheusError']>().toExtend<PrometheusError>();
    expectTypeOf<PrometheusError>().toExtend<Schemas['PrometheusError']>();
  });

  it('answers the summary, both formats, as documented', async () => {
    const summary = await client.GET('/api/v1/summary', { params: { query: { job: 'node' } } });
    const standard = await client.GET('/api/v1/summary', { params: { query: { format: 'standard' } } });

    expect(summary.response.status).toBe(200);
    expect(check('/api/v1/summary', 'get', 200, summary.data)).toEqual([]);
    expect(check('/api/v1/summary', 'get', 200, standard.data)).toEqual([]);
    const typed: Summary | StandardRecord[] | undefined = summary.data;
    expect(typed && !Array.isArray(typed) && typed.filters).toEqual({ job: 'node', instance: null });
  });

  it('answers a series as documented', async () => {
    const { data, response } = await client.GET('/api/v1/summary/{metric}', {
      params: { path: { metric: 'memory' }, query: { range: '2m', points: 30, by: 'instance' } },
    });

    expect(response.status).toBe(200);
    expect(check('/api/v1/summary/{metric}', 'get', 200, data)).toEqual([]);
    expect(data?.metric).toBe('memory');
    expect(data?.series[0]?.labels.instance).toEqual(expect.any(String));
  });

  it('answers targets, alerts, TV settings, displays and probes as documented', async () => {
    const targets = await client.GET('/api/v1/targets');
    const alerts = await client.GET('/api/v1/alerts');
    const tv = await client.GET('/api/v1/tv/config');
    const heartbeat = await client.POST('/api/v1/displays/heartbeat', {
      body: { id: 'contract', version: '0.0.0', page: '/tv', refreshMs: 10_000, lastRefreshAt: null },
    });
    const displays = await client.GET('/api/v1/displays');
    const health = await client.GET('/healthz');
    const ready = await client.GET('/readyz');

    expect(check('/api/v1/targets', 'get', 200, targets.data)).toEqual([]);
    expect(check('/api/v1/alerts', 'get', 200, alerts.data)).toEqual([]);
    expect(alerts.data?.alertmanager).toBe('merged');
    expect(check('/api/v1/tv/config', 'get', 200, tv.data)).toEqual([]);
    expect(heartbeat.response.status).toBe(204);
    expect(check('/api/v1/displays', 'get', 200, displays.data)).toEqual([]);
    expect(displays.data?.displays.map((display) => display.id)).toContain('contract');
    expect(check('/healthz', 'get', 200, health.data)).toEqual([]);
    expect(check('/readyz', 'get', 200, ready.data)).toEqual([]);
  });

  it("answers errors in the documented shapes: Promwall's own, and Prometheus's through the pass-through", async () => {
    const badQuery = await client.GET('/api/v1/summary', { params: { query: { format: 'xml' as 'json' } } });
    const noMetric = await client.GET('/api/v1/summary/{metric}', { params: { path: { metric: 'disk' as 'cpu' } } });
    expect(badQuery.response.status).toBe(400);
    expect(check('/api/v1/summary', 'get', 400, badQuery.error)).toEqual([]);
    expect(noMetric.response.status).toBe(404);
    expect(check('/api/v1/summary/{metric}', 'get', 404, noMetric.error)).toEqual([]);

    const answers = {
      200: await api.get('/api/prom/api/v1/query?query=up'),
      400: await api.get(`/api/prom/api/v1/query?query=${encodeURIComponent('sum(up')}`),
      422: await api.get(`/api/prom/api/v1/query?query=${encodeURIComponent('up + on() up')}`),
      404: await api.get('/api/prom/api/v1/admin/tsdb/snapshot'),
    };
    for (const [status, answer] of Object.entries(answers)) {
      expect(answer.status).toBe(Number(status));
      expect(check('/api/prom/api/v1/query', 'get', Number(status), answer.body), status).toEqual([]);
    }
    const prometheusRefusal: PrometheusError = answers[400].body;
    expect(prometheusRefusal).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect(answers[422].body).toMatchObject({ status: 'error', errorType: 'execution' });
  });

  it('finds what the document does not allow', () => {
    expect(check('/api/v1/targets', 'get', 200, { generatedAt: 'now', counts: {}, targets: [], extra: 1 })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/generatedAt must match format "date-time"/),
        expect.stringMatching(/must have required property 'up'/),
        expect.stringMatching(/must NOT have additional properties/),
      ]),
    );
  });
});

describe('caching and coalescing', () => {
  it('sends one upstream round for many concurrent identical requests', async () => {
    const fresh = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_CACHE_TTL: '30s' });
    try {
      const responses = await Promise.all(Array.from({ length: 100 }, () => fresh.get('/api/v1/summary?job=demo')));
      expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
      expect(new Set(responses.map((response) => response.body.generatedAt)).size).toBe(1);
      // One query per headline metric: the split by instance and the sources ride in the same query.
      expect(await upstreamRequests(fresh)).toBe(headlineKeys.length);
    } finally {
      await fresh.close();
    }
  });
});
