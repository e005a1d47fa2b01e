import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOptions, Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { errorHandler } from '../src/http/errors.ts';
import { promProxy, type ProxyRefusalReason } from '../src/proxy/proxy.routes.ts';
import { ConcurrencyLimit } from '../src/upstream/concurrencyLimit.ts';

// The pass-through in front of a real Prometheus whose admin and lifecycle APIs are switched on,
// so that anything refused would have acted had it passed.

const run = promisify(execFile);

/** The jobs of the test stack's Prometheus configuration. */
const JOB_COUNT = 5;

let stack: Stack;
let options: StackOptions;
let server: http.Server;
let proxyUrl: string;
const rejects: ProxyRefusalReason[] = [];

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request whose path goes out byte for byte; fetch would resolve `..` and `%2e` first. */
function raw(
  base: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const { hostname, port, pathname } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method, path: `${pathname.replace(/\/$/, '')}${path}`, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function json(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, body: await res.json() };
}

const direct = (path: string, init?: RequestInit) => json(stack.urls.prometheus, path, init);
const proxied = (path: string, init?: RequestInit) => json(proxyUrl, path, init);

/** Each series of `query` with its value, at `time` (seconds) or now. */
async function seriesOf(query: string, time?: number): Promise<string[]> {
  const at = time === undefined ? '' : `&time=${time}`;
  const { body } = await direct(`/api/v1/query?query=${encodeURIComponent(query)}${at}`);
  return (body.data.result as { metric: Record<string, string>; value: [number, string] }[])
    .map((r) => `${JSON.stringify(r.metric)} ${r.value[1]}`)
    .sort();
}

/** A time a little in the past, so both sides of a comparison see the same samples. */
let settledTime: number;

beforeAll(async () => {
  ({ stack, options } = await startTestStack('proxy', {
    prometheusArgs: ['--web.enable-admin-api', '--web.enable-lifecycle'],
    withoutPromwall: true,
  }));
  const app = express()
    .use(
      '/api/prom',
      promProxy({
        upstream: { name: 'prometheus', url: stack.urls.prometheus, pathPrefix: '', timeoutMs: 10_000, headers: {} },
        maxBodyBytes: 256 * 1024,
        concurrency: new ConcurrencyLimit(32, 5_000),
        onReject: (reason) => rejects.push(reason),
      }),
    )
    .use(errorHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/prom`;

  while ((await seriesOf('up')).length < JOB_COUNT) await sleep(250);
  // Rules are evaluated every second; give them and a few scrapes time to land.
  await sleep(3_000);
  settledTime = Math.floor(Date.now() / 1000) - 2;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

describe('the pass-through in front of a real Prometheus', () => {
  it.each([
    () => `/api/v1/query?query=up&time=${settledTime}`,
    () =>
      `/api/v1/query?query=${encodeURIComponent('sum by (job) (rate(prometheus_http_requests_total[1m]))')}&time=${settledTime}`,
    () => `/api/v1/query_range?query=up&start=${settledTime - 10}&end=${settledTime}&step=1`,
    () =>
      `/api/v1/series?match[]=up&match[]=${encodeURIComponent('process_start_time_seconds{job="prometheus"}')}&start=${settledTime - 10}&end=${settledTime}`,
    () => `/api/v1/labels?start=${settledTime - 10}&end=${settledTime}`,
    () => `/api/v1/label/job/values?start=${settledTime - 10}&end=${settledTime}`,
    () => '/api/v1/metadata?metric=up',
    () => '/api/v1/status/buildinfo',
    () => `/api/v1/format_query?query=${encodeURIComponent('sum(rate(up[5m]))by(job)')}`,
    () => `/api/v1/query_exemplars?query=up&start=${settledTime - 10}&end=${settledTime}`,
  ])('answers GET %s exactly as Prometheus does', async (path) => {
    const [want, got] = await Promise.all([direct(path()), proxied(path())]);

    expect(got.status).toBe(200);
    expect(got).toEqual(want);
  });

  it('returns both series of a series request with match[] given twice', async () => {
    const { body } = await proxied(
      `/api/v1/series?match[]=up&match[]=process_start_time_seconds&start=${settledTime - 10}&end=${settledTime}`,
    );

    const names = new Set((body.data as { __name__: string }[]).map((series) => series.__name__));
    expect(names).toEqual(new Set(['up', 'process_start_time_seconds']));
  });

  it('lists the same targets, rules and alerts as Prometheus', async () => {
    const [targets, rules, alerts, wantTargets, wantRules, wantAlerts] = await Promise.all([
      proxied('/api/v1/targets'),
      proxied('/api/v1/rules'),
      proxied('/api/v1/alerts'),
      direct('/api/v1/targets'),
      direct('/api/v1/rules'),
      direct('/api/v1/alerts'),
    ]);

    const scrapeUrls = (body: any) => body.data.activeTargets.map((t: { scrapeUrl: string }) => t.scrapeUrl).sort();
    const ruleNames = (body: any) =>
      body.data.groups.flatMap((g: { rules: { name: string }[] }) => g.rules.map((r) => r.name)).sort();
    const alertNames = (body: any) =>
      body.data.alerts.map((a: { labels: { alertname: string } }) => a.labels.alertname).sort();
    expect([targets.status, rules.status, alerts.status]).toEqual([200, 200, 200]);
    expect(scrapeUrls(targets.body)).toHaveLength(JOB_COUNT);
    expect(scrapeUrls(targets.body)).toEqual(scrapeUrls(wantTargets.body));
    expect(ruleNames(rules.body)).toContain('InstanceDown');
    expect(ruleNames(rules.body)).toEqual(ruleNames(wantRules.body));
    expect(alertNames(alerts.body)).toEqual(alertNames(wantAlerts.body));
  });

  it('answers a POST form query as Prometheus does', async () => {
    const init = () => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('count by (job) (up)')}&time=${settledTime}`,
    });

    const [want, got] = await Promise.all([direct('/api/v1/query', init()), proxied('/api/v1/query', init())]);

    expect(got.status).toBe(200);
    expect(got.body.data.result).toHaveLength(JOB_COUNT);
    expect(got).toEqual(want);
  });

  it('serves promtool, which queries it as its Prometheus', async () => {
    const { stdout } = await run('promtool', ['query', 'instant', proxyUrl, 'up'], { timeout: 20_000 });

    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(JOB_COUNT);
    for (const line of lines) expect(line).toMatch(/^up\{.*job="[a-z]+".*\} => 1 @\[/);
  });

  it('passes a PromQL syntax error through as Prometheus’s 400 bad_data', async () => {
    const path = `/api/v1/query?query=${encodeURIComponent('sum(rate(up[5m])')}`;

    const [want, got] = await Promise.all([direct(path), proxied(path)]);

    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect(got).toEqual(want);
  });

  it('still answers when the client sends cookies and credentials of its own', async () => {
    const got = await proxied('/api/v1/status/buildinfo', {
      headers: { Cookie: 'session=abc', Authorization: 'Bearer client' },
    });

    expect(got.status).toBe(200);
  });
});

describe('admin and lifecycle requests through the pass-through', () => {
  // Each would snapshot, delete, reload or stop Prometheus if it reached it.
  const REFUSED: [method: string, path: string][] = [
    ['POST', '/api/v1/admin/tsdb/snapshot'],
    ['PUT', '/api/v1/admin/tsdb/snapshot'],
    ['POST', '/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['PUT', '/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['POST', '/api/v1/admin/tsdb/clean_tombstones'],
    ['PUT', '/-/reload'],
    ['POST', '/-/reload'],
    ['GET', '/-/quit'],
    ['PUT', '/-/quit'],
    ['POST', '/-/quit'],
    ['POST', '/api/v1/admin/tsdb/%73napshot'],
    ['POST', '/api/v1/%61dmin/tsdb/snapshot'],
    ['POST', '/api/v1/admin%2Ftsdb%2Fsnapshot'],
    ['POST', '/api/v1/query/../admin/tsdb/snapshot'],
    ['POST', '/api/v1/query/%2e%2e/admin/tsdb/snapshot'],
    ['POST', '/api/v1/query/%252e%252e/admin/tsdb/snapshot'],
    ['POST', '/api/v1/query%2F..%2Fadmin%2Ftsdb%2Fsnapshot'],
    ['POST', '/api/v1/./admin/tsdb/snapshot'],
    ['POST', '//api/v1/admin/tsdb/snapshot'],
    ['POST', '/api/v1//admin/tsdb/snapshot'],
    ['POST', '/API/v1/admin/tsdb/snapshot'],
    ['POST', '/api/v1/admin/tsdb/snapshot/'],
    ['POST', '/api/v1\\admin\\tsdb\\snapshot'],
    ['POST', '/api/v1/query/../admin/tsdb/delete_series?match[]=up'],
    ['PUT', '/api/v1/series/../admin/tsdb/delete_series?match[]=up'],
    ['POST', '/api/v1/%2e%2e/v1/admin/tsdb/delete_series?match%5B%5D=up'],
    ['POST', '/api/v1/label/job/../../admin/tsdb/clean_tombstones'],
    ['PUT', '/-/%72eload'],
    ['POST', '/%2d/reload'],
    ['POST', '/api/v1/../../-/reload'],
    ['POST', '/api/v1/query/../../../-/quit'],
    ['PUT', '/api/v1/%2e%2e/%2e%2e/-/quit'],
    ['POST', '/-/quit/'],
    ['POST', '/-/QUIT'],
    ['POST', '/api/v1/write'],
    ['POST', '/api/v1/otlp/v1/metrics'],
    ['GET', '/api/v1/status/config'],
    ['GET', '/api/v1/status/flags'],
    ['GET', '/api/v1/targets/metadata'],
  ];

  // Samples already written: a deletion would remove them, where new scrapes would hide it from `up` now.
  const STORED_SAMPLES = 'count_over_time(up[1h])';
  let storedBefore: string[];

  beforeAll(async () => {
    storedBefore = await seriesOf(STORED_SAMPLES, settledTime);
    rejects.length = 0;
  });

  it('has the admin API switched on, so a request that reached Prometheus would act', async () => {
    const cleaned = await raw(stack.urls.prometheus, 'POST', '/api/v1/admin/tsdb/clean_tombstones');
    const reloaded = await raw(stack.urls.prometheus, 'POST', '/-/reload');

    expect(cleaned.status).toBe(204);
    expect(reloaded.status).toBe(200);
  });

  it.each(REFUSED)('refuses %s %s with a 4xx in Prometheus’s error shape', async (method, path) => {
    const res = await raw(proxyUrl, method, path, method === 'GET' ? undefined : '', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });

    expect([404, 405]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual({
      status: 'error',
      errorType: expect.stringMatching(/^(bad_data|not_found)$/),
      error: expect.any(String),
    });
  });

  it('counted every refusal once', () => {
    expect(rejects).toHaveLength(REFUSED.length);
  });

  it('leaves Prometheus running, without a snapshot, with every series it had', async () => {
    const ready = await raw(stack.urls.prometheus, 'GET', '/-/ready');
    const snapshots = join(options.dataDir, 'prometheus', 'data', 'snapshots');

    expect(ready.status).toBe(200);
    expect(existsSync(snapshots) ? readdirSync(snapshots) : []).toEqual([]);
    expect(storedBefore).toHaveLength(JOB_COUNT);
    expect(await seriesOf(STORED_SAMPLES, settledTime)).toEqual(storedBefore);
  });
});

describe('with Prometheus stopped', () => {
  beforeAll(async () => {
    await stack.stop();
  });

  it('answers 502 unavailable within a second', async () => {
    const started = Date.now();
    const res = await raw(proxyUrl, 'GET', '/api/v1/query?query=up');
    const elapsed = Date.now() - started;

    expect(res.status).toBe(502);
    expect(JSON.parse(res.text)).toEqual({
      status: 'error',
      errorType: 'unavailable',
      error: expect.stringMatching(/^prometheus could not be reached/),
    });
    expect(res.text).not.toContain(new URL(stack.urls.prometheus).host);
    expect(elapsed).toBeLessThan(1_000);
  });
});
