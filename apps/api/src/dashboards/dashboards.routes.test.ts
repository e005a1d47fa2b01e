import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dashboard as dashboardSchema, dashboards as dashboardsSchema } from '@promwall/core/dashboardSchemas';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';

const BOARD = `
title: Demo
range: 6h
variables:
  - { name: job, match: up }
  - { name: instance }
rows:
  - panels:
      - { id: rps, type: stat, title: Requests/s, query: 'sum(rate(app_request_total[1m]))' }
      - { id: down, type: targets, title: Down, match: '{health="down"}' }
`;

let dir: string;
const metrics = createMetrics();
let app: ReturnType<typeof createApp>;

async function upstreamRequests(): Promise<number> {
  const histogram = await metrics.upstreamRequests.get();
  return histogram.values.filter((v) => v.metricName?.endsWith('_count')).reduce((sum, v) => sum + v.value, 0);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'promwall-boards-'));
  writeFileSync(path.join(dir, 'demo.yml'), BOARD);
  writeFileSync(path.join(dir, 'broken.yml'), 'title: Broken\nrows: [\n');
  // Nothing listens on port 9: every request that reaches the upstream fails.
  const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9', PROMWALL_DASHBOARDS_DIR: dir });
  app = createApp({ config, logger: pino({ level: 'silent' }), metrics });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/dashboards', () => {
  it('lists every file: its panels and variables, or why it does not load', async () => {
    const res = await request(app).get('/api/v1/dashboards');

    expect(res.status).toBe(200);
    const body = dashboardsSchema.parse(res.body);
    expect(body.dashboards.map((board) => [board.id, board.title, board.panels.length, board.error !== null])).toEqual([
      ['broken', 'broken', 0, true],
      ['demo', 'Demo', 2, false],
    ]);
    expect(body.dashboards[0]!.error!.message).toMatch(/^broken\.yml: line 3, column 1: not valid YAML/);
    expect(body.dashboards[1]!.variables).toEqual([
      { name: 'job', label: 'job', title: 'job' },
      { name: 'instance', label: 'instance', title: 'instance' },
    ]);
  });

  it('refuses parameters', async () => {
    expect((await request(app).get('/api/v1/dashboards?x=1')).status).toBe(400);
  });
});

describe('GET /api/v1/dashboards/{id}', () => {
  it('answers a board whose variables cannot be read with each variable’s error', async () => {
    const res = await request(app).get('/api/v1/dashboards/demo?var-job=node');

    expect(res.status).toBe(200);
    const body = dashboardSchema.parse(res.body);
    expect(body.definition?.title).toBe('Demo');
    expect(body.variables.map((v) => [v.name, v.selected, v.error?.code])).toEqual([
      ['job', 'node', 'upstream_unreachable'],
      ['instance', null, 'upstream_unreachable'],
    ]);
  });

  it('answers a board that never loaded with its error and no definition', async () => {
    const res = await request(app).get('/api/v1/dashboards/broken');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      definition: null,
      variables: [],
      error: { message: expect.stringMatching(/^broken\.yml/) },
    });
  });
});

describe('GET /api/v1/dashboards/{id}/panels/{panel}', () => {
  it.each([
    ['/api/v1/dashboards/nope/panels/rps', 404, 'no dashboard named "nope"'],
    ['/api/v1/dashboards/%22%3E%3Cscript%3E/panels/rps', 404, 'no dashboard named "\\"><script>"'],
    ['/api/v1/dashboards/demo/panels/nope', 404, 'dashboard demo has no panel named "nope"'],
    ['/api/v1/dashboards/broken/panels/rps', 404, 'dashboard broken has never loaded: broken.yml: line 3'],
    [
      '/api/v1/dashboards/demo/panels/rps?var-team=a',
      400,
      'dashboard demo has no variable "team"; it has job, instance',
    ],
    ['/api/v1/dashboards/demo/panels/rps?job=a', 400, 'unknown parameter: job'],
    ['/api/v1/dashboards/demo/panels/rps?var-job=a&var-job=b', 400, 'var-job: given more than once'],
    ['/api/v1/dashboards/demo/panels/rps?var-job=<1025 characters>', 400, 'var-job: must be at most 1024 characters'],
    ['/api/v1/dashboards/demo/panels/rps?range=100y', 400, 'range may be at most 31 days'],
    ['/api/v1/dashboards/demo/panels/rps?range=1d&step=1s', 400, 'range/step gives 86401 points'],
    ['/api/v1/dashboards/demo/panels/rps?step=soon', 400, 'step: must be a positive duration'],
    ['/api/v1/dashboards/demo/panels/rps?points=1', 400, 'points: '],
    ['/api/v1/dashboards/demo/panels/rps?end=tomorrow', 400, 'end: must be an ISO 8601 time'],
    ['/api/v1/dashboards/demo/panels/rps?range=1h&range=2h', 400, 'range: given more than once'],
  ])('refuses %s with %i, before asking the upstream', async (url, status, message) => {
    const before = await upstreamRequests();
    const res = await request(app).get(url.replace('<1025 characters>', 'x'.repeat(1025)));

    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect(await upstreamRequests()).toBe(before);
  });

  it('answers 502 naming the upstream, never its address, when Prometheus is unreachable', async () => {
    const res = await request(app).get('/api/v1/dashboards/demo/panels/rps?var-job=x%22%7D%20or%20vector(1)');

    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({
      code: 'upstream_unreachable',
      message: 'prometheus is unreachable (ECONNREFUSED)',
    });
  });
});
