import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dashboard as dashboardSchema,
  dashboards as dashboardsSchema,
  panelData,
  type Dashboard,
  type Dashboards,
  type PanelData,
} from '@promwall/core/dashboardSchemas';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import { stackPromwallConfig, type Stack } from '@promwall/stack';
import { startApi, upstreamRequests, type RunningApi } from './support/api.ts';
import { documentedAnswers } from './support/documentedAnswers.ts';
import { Forwarder } from './support/forwarder.ts';
import type { components } from '../src/openapi/openapi.types.ts';

const SHIPPED = fileURLToPath(new URL('../../../dashboards/', import.meta.url));

/** A board of 12 panels over the demo workload, as a team would write one. */
const TWELVE_PANELS = `
title: Twelve panels
variables:
  - { name: job, match: up }
  - { name: instance, match: up }
rows:
  - panels:
      - { id: rps, type: stat, title: Requests/s, query: 'sum(rate(app_request_total[1m]))', unit: requestsPerSecond }
      - { id: users, type: stat, title: Users, query: 'sum(app_active_users)', sparkline: false }
      - { id: pool, type: stat, title: Pool, query: 'sum(app_db_connections)', alerts: [DatabaseConnectionHigh, NoSuchRule] }
      - { id: up, type: stat, title: Targets up, query: 'count(up == 1)', thresholds: { warning: 100, critical: 200 } }
  - panels:
      - id: by-route
        type: timeseries
        title: By route
        queries: [{ query: 'sum by (route) (rate(app_request_total[1m]))', legend: '{{route}}' }]
      - id: latency
        type: timeseries
        title: Latency
        unit: seconds
        queries:
          - { query: 'histogram_quantile(0.5, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))', legend: p50 }
          - { query: 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))', legend: p95 }
      - { id: memory, type: timeseries, title: Memory, unit: bytes, queries: [{ query: process_resident_memory_bytes }] }
      - { id: scrape, type: timeseries, title: Scrape, unit: seconds, stacked: true, queries: [{ query: scrape_duration_seconds }] }
  - panels:
      - { id: up-table, type: table, title: Up, query: up, columns: [job, instance] }
      - { id: build, type: table, title: Build, query: prometheus_build_info }
      - { id: targets, type: targets, title: Targets }
      - { id: alerts, type: alerts, title: Alerts, match: '{severity=~"critical|warning"}' }
`;

let stack: Stack;
let dir: string;
let api: RunningApi;
let jobs: string[];

function write(file: string, text: string): void {
  writeFileSync(path.join(dir, `.${file}.tmp`), text);
  renameSync(path.join(dir, `.${file}.tmp`), path.join(dir, file));
}

beforeAll(async () => {
  ({ stack } = await startTestStack('dashboards', { withoutPromwall: true }));
  dir = mkdtempSync(path.join(tmpdir(), 'promwall-dashboards-'));
  for (const file of readdirSync(SHIPPED)) copyFileSync(path.join(SHIPPED, file), path.join(dir, file));
  write('twelve.yml', TWELVE_PANELS);
  // The embedded stack's settings (its metrics agree with its alert rules), and a rate limit
  // that lets 64 viewers asking as fast as answers come count the upstream's rounds.
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'promwall-dashboards-config-')), 'promwall.yml');
  writeFileSync(config, `${readFileSync(stackPromwallConfig, 'utf8')}\nlimits: { rateLimit: { requests: 1000000 } }\n`);
  api = await startApi({
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    PROMWALL_CACHE_TTL: '1s',
    PROMWALL_DASHBOARDS_DIR: dir,
    PROMWALL_CONFIG: config,
  });
  // Rates need two scrapes of every target before they have a value.
  jobs = await eventually(
    async () => {
      const { body } = await api.get('/api/v1/dashboards/twelve/panels/rps');
      const job = (await api.get('/api/v1/dashboards/overview')).body.variables?.[0]?.values;
      return body.value !== null && job?.length === 5 ? job : undefined;
    },
    60_000,
    'the demo’s request rate and every job',
  );
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

describe('the boards shipped in dashboards/', () => {
  it('answer every panel, in the documented shape', async () => {
    const { body } = await api.get('/api/v1/dashboards');
    expect(dashboardsSchema.parse(body).dashboards.map((board) => [board.id, board.error])).toEqual(
      expect.arrayContaining([
        ['overview', null],
        ['demo-service', null],
      ]),
    );
    for (const id of ['overview', 'demo-service']) {
      const board = body.dashboards.find((candidate: { id: string }) => candidate.id === id);
      for (const panel of board.panels) {
        const response = await api.get(`/api/v1/dashboards/${id}/panels/${panel.id}?range=15m`);
        expect(response.status, `${id}/${panel.id}: ${JSON.stringify(response.body)}`).toBe(200);
        expect(panelData.parse(response.body).type).toBe(panel.type);
      }
    }
  });

  it('show data: the overview’s CPU, the demo’s request rate by route', async () => {
    // A young stack has only a few samples: wait for a sparkline of two points.
    const cpu = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/dashboards/overview/panels/cpu?range=5m');
        return body.sparkline?.points.filter(([, value]: [number, number | null]) => value !== null).length > 1
          ? body
          : undefined;
      },
      30_000,
      'a CPU sparkline',
    );
    expect(cpu).toMatchObject({ type: 'stat', unit: 'percent', value: expect.any(Number), status: expect.any(String) });
    expect(cpu.alertRules).toEqual([expect.objectContaining({ name: 'HighCPUUsage', severity: 'warning' })]);
    // The board's stats name their headline metric: they judge by the configured thresholds.
    const { metrics } = (await api.get('/api/v1/summary')).body;
    expect(cpu.thresholds).toEqual(metrics.cpu.thresholds);
    const pool = (await api.get('/api/v1/dashboards/overview/panels/db-connections?range=5m')).body;
    expect(pool.thresholds).toEqual(metrics.dbConnections.thresholds);

    // Prometheus scrapes the demo's /metrics every second, whatever its load loop does.
    const routes = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/dashboards/demo-service/panels/requests-by-route?range=5m&points=100');
        return body.series?.some((series: { name: string }) => series.name === '/metrics') ? body : undefined;
      },
      30_000,
      'the demo’s /metrics route',
    );
    expect(routes.stepSeconds).toBe(5);
    expect(routes.queries).toEqual(['sum by (route) (rate(app_request_total{job="demo"}[1m]))']);
  });
});

describe('the documented contract', () => {
  // Checked by `npm run typecheck`: the generated types and the code's wire types are the same types.
  it('has generated types equal to the wire types the code answers with', () => {
    expectTypeOf<components['schemas']['Dashboards']>().toEqualTypeOf<Dashboards>();
    expectTypeOf<components['schemas']['Dashboard']>().toEqualTypeOf<Dashboard>();
    // The alerts panel's counts are a loose object (bySeverity has its known keys and any other):
    // zod and openapi-typescript spell it differently, so each side is checked to fit the other.
    expectTypeOf<components['schemas']['PanelData']>().toExtend<PanelData>();
    expectTypeOf<PanelData>().toExtend<components['schemas']['PanelData']>();
  });

  it('answers boards and every kind of panel as the OpenAPI document says', async () => {
    const check = documentedAnswers((await api.get('/api/v1/openapi.json')).body);
    const list = await api.get('/api/v1/dashboards');
    const board = await api.get('/api/v1/dashboards/twelve?var-job=demo');
    const missing = await api.get('/api/v1/dashboards/nope');

    expect(check('/api/v1/dashboards', 'get', 200, list.body)).toEqual([]);
    expect(check('/api/v1/dashboards/{id}', 'get', 200, board.body)).toEqual([]);
    expect(check('/api/v1/dashboards/{id}', 'get', 404, missing.body)).toEqual([]);
    for (const panel of ['rps', 'by-route', 'up-table', 'targets', 'alerts']) {
      const { status, body } = await api.get(`/api/v1/dashboards/twelve/panels/${panel}?range=5m`);
      expect(check('/api/v1/dashboards/{id}/panels/{panel}', 'get', status, body), panel).toEqual([]);
    }
  });
});

describe('variables', () => {
  it('offer the label’s values, narrowed by the other selections', async () => {
    expect(jobs).toEqual(['alertmanager', 'demo', 'node', 'postgres', 'prometheus']);
    const { body } = await api.get('/api/v1/dashboards/overview?var-job=node');
    const board = dashboardSchema.parse(body);
    expect(board.variables.map((v) => [v.name, v.selected, v.values.length])).toEqual([
      ['job', 'node', 5],
      ['instance', null, 1],
    ]);
  });

  it('filter a panel by label matchers on its parsed query', async () => {
    const all = (await api.get('/api/v1/dashboards/twelve/panels/up-table')).body;
    const node = (await api.get('/api/v1/dashboards/twelve/panels/up-table?var-job=node')).body;

    expect(all.rows).toHaveLength(5);
    expect(node.query).toBe('up{job="node"}');
    expect(node.rows.map((row: { labels: { job: string } }) => row.labels.job)).toEqual(['node']);
    const targets = (await api.get('/api/v1/dashboards/twelve/panels/targets?var-job=node')).body;
    expect(targets.targets.map((target: { job: string }) => target.job)).toEqual(['node']);
  });

  it('keep a hostile value inside one matcher: no data, never more', async () => {
    const hostile = 'x"} or vector(1) or up{a="';
    const { status, body } = await api.get(
      `/api/v1/dashboards/twelve/panels/up?var-job=${encodeURIComponent(hostile)}`,
    );

    expect(status).toBe(200);
    expect(body.query).toBe('count(up{job="x\\"} or vector(1) or up{a=\\""} == 1)');
    expect(body.value).toBeNull();
  });
});

describe('caching', () => {
  it('shares one upstream round per panel and TTL among 64 viewers of a board', async () => {
    const panels = (await api.get('/api/v1/dashboards/twelve')).body.panels.map((panel: { id: string }) => panel.id);
    expect(panels).toHaveLength(12);
    // Upstream requests of one round of every panel: the stats' values and sparklines (a stat
    // without a sparkline asks once), the charts' queries, the tables'; and once each the
    // alert rules, targets and alerts (with Alertmanager's) that the panels share.
    const perRound = 2 + 1 + 2 + 2 + (1 + 2 + 1 + 1) + (1 + 1) + (1 + 1 + 2);
    const before = await upstreamRequests(api);
    const started = Date.now();
    let answered = 0;
    const viewer = async () => {
      while (Date.now() - started < 5_000) {
        const answers = await Promise.all(
          panels.map((panel: string) => api.get(`/api/v1/dashboards/twelve/panels/${panel}?range=1h&points=600`)),
        );
        for (const answer of answers) expect(answer.status).toBe(200);
        answered += answers.length;
      }
    };
    await Promise.all(Array.from({ length: 64 }, viewer));
    const seconds = (Date.now() - started) / 1000;
    const ttlSeconds = 1;

    // A window of T seconds holds at most ⌊T ÷ TTL⌋ + 1 rounds per panel, whatever the viewers.
    const sent = (await upstreamRequests(api)) - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(perRound * (Math.floor(seconds / ttlSeconds) + 1));
    expect(answered).toBeGreaterThan(64 * panels.length);
  });
});

describe('hot reload', () => {
  it('serves the last good version of a broken file with its error, leaving the other boards alone', async () => {
    const good = readFileSync(path.join(dir, 'twelve.yml'), 'utf8');
    const before = (await api.get('/api/v1/dashboards/twelve')).body;
    write('twelve.yml', good.replace("query: 'sum(app_active_users)'", "query: 'sum(app_active_users'"));

    const broken = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/dashboards');
        return body.dashboards.find((board: { id: string; error: unknown }) => board.id === 'twelve' && board.error);
      },
      10_000,
      'the error to show',
    );
    expect(broken.error.message).toBe(
      'twelve.yml: panel "users" (rows[0].panels[1]): query: not valid PromQL at 1:21 (unexpected end of query)',
    );
    const served = (await api.get('/api/v1/dashboards/twelve')).body;
    expect(served.version).toBe(before.version);
    expect(served.error.message).toBe(broken.error.message);
    expect((await api.get('/api/v1/dashboards/twelve/panels/users')).status).toBe(200);
    expect((await api.get('/api/v1/dashboards/overview')).body.error).toBeNull();

    write('twelve.yml', good.replace('title: Twelve panels', 'title: Twelve panels, edited'));
    await eventually(
      async () =>
        (await api.get('/api/v1/dashboards/twelve')).body.title === 'Twelve panels, edited' ? true : undefined,
      10_000,
      'the fixed file to be served',
    );
    expect((await api.get('/api/v1/dashboards/twelve')).body.error).toBeNull();
  });
});

describe('Prometheus unreachable', () => {
  it('serves the last good panel data marked stale, answers 502 for a panel it never had, and recovers', async () => {
    const prometheus = new URL(stack.urls.prometheus);
    const forwarder = new Forwarder({ host: prometheus.hostname, port: Number(prometheus.port) });
    await forwarder.up();
    const viaForwarder = await startApi({
      PROMETHEUS_URL: forwarder.url,
      PROMWALL_CACHE_TTL: '1s',
      PROMWALL_DASHBOARDS_DIR: dir,
    });
    try {
      const url = '/api/v1/dashboards/twelve/panels/rps';
      const good = (await viaForwarder.get(url)).body;
      expect(good.stale).toBe(false);
      await forwarder.down();
      await sleep(1_100);

      // The first request past the TTL may be answered from the cache while its refresh meets the outage.
      const stale = await eventually(
        async () => {
          const answer = await viaForwarder.get(url);
          return answer.body.stale ? answer : undefined;
        },
        10_000,
        'the last good data, marked stale',
      );
      expect(stale.status).toBe(200);
      expect(stale.body).toMatchObject({ stale: true, value: good.value, generatedAt: good.generatedAt });
      const fresh = await viaForwarder.get('/api/v1/dashboards/twelve/panels/users?range=2h');
      expect(fresh.status).toBe(502);

      await forwarder.up();
      await eventually(
        async () => ((await viaForwarder.get(url)).body.stale === false ? true : undefined),
        10_000,
        'recovery',
      );
    } finally {
      await viaForwarder.close();
      await forwarder.down();
    }
  });
});
