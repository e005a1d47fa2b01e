import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Alerts } from '@promwall/core/schemas';
import { runLoad } from '@promwall/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildApi, type ChildApi } from './support/child.ts';

// Promwall as it runs in production, in its own process, against a stand-in upstream that plays
// what no real Prometheus does: an alert storm of 20,000, a 200 MB answer, a slow answer. The load
// comes from Debian's wrk, a process of its own in C, so that it takes little of the CPU the probes need.

const MB = 1024 * 1024;

let upstream: http.Server;
let upstreamUrl: string;
/**
 * Settings for the load tests. wrk's connections all come from one address but stand for many
 * clients: the per-client rate limit and cap on requests in progress, raised out of the way as in
 * the bench, would otherwise turn the load into 429 and 503 answers that cost the server nothing.
 */
let manyClientsDir: string;
let manyClients: Record<string, string>;
/** Milliseconds the stand-in waits before answering an instant query. */
let queryDelayMs = 0;
/** Instant queries received, by their text. */
const received: string[] = [];

function stormAlerts(size: number) {
  return Array.from({ length: size }, (_, i) => ({
    labels: { alertname: 'InstanceDown', instance: `host-${i}:9100`, job: 'node', severity: 'critical' },
    annotations: { summary: `host-${i}:9100 is down` },
    state: 'firing',
    activeAt: '2026-01-01T00:00:00.123456789Z',
    value: '0e+00',
  }));
}

const prometheusStorm = JSON.stringify({ status: 'success', data: { alerts: stormAlerts(20_000) } });
const alertmanagerStorm = JSON.stringify(
  stormAlerts(20_000)
    .filter((_, i) => i % 3 === 0)
    .map((alert, i) => ({
      labels: { ...alert.labels, cluster: 'eu-1' },
      status: { state: 'suppressed', silencedBy: [`silence-${i}`], inhibitedBy: [] },
    })),
);

function hugeAnswer(res: http.ServerResponse, total: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(256 * 1024, ' ');
  let sent = 0;
  res.write('{"status":"success","data":{"resultType":"vector","result":[');
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end(']}}');
  };
  res.on('error', () => {});
  pump();
}

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://upstream');
    const json = (body: string) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    if (url.pathname === '/api/v1/alerts') return json(prometheusStorm);
    if (url.pathname === '/api/v2/alerts') return json(alertmanagerStorm);
    if (url.pathname === '/api/v1/query' && (url.searchParams.get('query') ?? '').includes('huge')) {
      return hugeAnswer(res, 200 * MB);
    }
    received.push(url.searchParams.get('query') ?? '');
    const sample = { metric: { promwall_headline: '1' }, value: [Date.now() / 1000, '42'] };
    setTimeout(
      () => json(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [sample] } })),
      queryDelayMs,
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  manyClientsDir = mkdtempSync(join(tmpdir(), 'promwall-abuse-'));
  const configFile = join(manyClientsDir, 'promwall.yml');
  writeFileSync(
    configFile,
    'limits:\n  rateLimit:\n    requests: 100000000\n    per: 1m\n  concurrentRequestsPerClient: 1000\n',
  );
  manyClients = { PROMETHEUS_URL: upstreamUrl, PROMWALL_CONFIG: configFile };
});

afterAll(async () => {
  rmSync(manyClientsDir, { recursive: true, force: true });
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/**
 * One GET on a connection of its own: the time from connecting to the last byte, and how much of
 * it the connection took; from another loopback address than the load, as a liveness probe comes
 * from the node, not from the clients.
 */
function freshGet(url: string, localAddress = '127.0.0.2'): Promise<{ status: number; ms: number; connectMs: number }> {
  const started = performance.now();
  let connectMs = Number.NaN;
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, localAddress }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started, connectMs }));
      })
      .on('socket', (socket) => socket.once('connect', () => (connectMs = performance.now() - started)))
      .on('error', reject);
  });
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function loopDelayMaxMs(api: ChildApi): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  return Number(/^promwall_nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text)![1]) * 1000;
}

describe('500 connections hammering /api/v1/summary', () => {
  it('leaves /healthz on a fresh connection answering within a few turns of the loop, not behind the load', async () => {
    const api = await startChildApi(manyClients);
    try {
      await loopDelayMaxMs(api);
      const hammer = runLoad(`${api.url}/api/v1/summary`, { connections: 500, seconds: 10 });
      await sleep(1_500);
      const probes: number[] = [];
      const connects: number[] = [];
      const until = Date.now() + 7_000;
      while (Date.now() < until) {
        const { status, ms, connectMs } = await freshGet(`${api.url}/healthz`);
        expect(status).toBe(200);
        probes.push(ms);
        connects.push(connectMs);
        await sleep(25);
      }
      const { requests, failed } = await hammer;
      const lagMs = await loopDelayMaxMs(api);
      const p99 = percentile(probes, 99);

      console.log(
        `fresh-connection /healthz under 500 connections: p50 ${percentile(probes, 50).toFixed(1)} ms, ` +
          `p99 ${p99.toFixed(1)} ms, max ${Math.max(...probes).toFixed(1)} ms over ${probes.length} probes ` +
          `(of which connecting: p99 ${percentile(connects, 99).toFixed(1)} ms); ` +
          `load: ${requests} requests, ${failed} failed; server event-loop delay max ${lagMs.toFixed(1)} ms`,
      );
      expect(failed).toBe(0);
      // The target is 100 ms at p99, met on a quiet machine (docs/security.md); the bound leaves
      // room for the other suites on both cores, far below the seconds a probe waited behind the
      // accept queue when every turn of the loop ran every request that had arrived.
      expect(p99).toBeLessThanOrEqual(750);
    } finally {
      await api.stop();
    }
  });
});

describe('an alert storm of 20,000 alerts in Prometheus and Alertmanager', () => {
  it('answers every client, blocks the event loop briefly, and drains on SIGTERM to exit 0', async () => {
    const api = await startChildApi({
      ...manyClients,
      ALERTMANAGER_URL: upstreamUrl,
      PROMWALL_CACHE_TTL: '1s',
    });
    try {
      const first = (await (await fetch(`${api.url}/api/v1/alerts`)).json()) as Alerts;
      expect(first.counts.total).toBe(20_000);
      expect(first.alerts).toHaveLength(1_000);
      expect(first.truncated).toEqual({ limit: 1_000, total: 20_000 });
      await loopDelayMaxMs(api);

      const storm = runLoad(`${api.url}/api/v1/alerts`, { connections: 50, seconds: 6 });
      await sleep(5_000);
      const lagMs = await loopDelayMaxMs(api);
      const health = await freshGet(`${api.url}/healthz`);

      // Requests in progress when SIGTERM comes: each waits a second on the upstream.
      queryDelayMs = 1_000;
      received.length = 0;
      const inFlight = Array.from({ length: 10 }, (_, i) => freshGet(`${api.url}/api/v1/summary?job=j${i}`));
      while (new Set(received.map((query) => /job="(j\d)"/.exec(query)?.[1])).size < 10) await sleep(20);
      const signalled = Date.now();
      api.process.kill('SIGTERM');
      const code = await api.exited;
      const exitMs = Date.now() - signalled;
      const answers = await Promise.all(inFlight);
      const { requests, failed } = await storm;

      console.log(
        `alert storm: event-loop delay max ${lagMs.toFixed(1)} ms over 5 s of 50 clients; fresh /healthz ` +
          `${health.ms.toFixed(1)} ms; SIGTERM to exit ${exitMs} ms, exit code ${code}; ` +
          `load: ${requests} requests, ${failed} failed`,
      );
      expect(health.status).toBe(200);
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      // The merge once held the loop for 54 s; the bound here is "never frozen", the figure on a
      // quiet machine is in docs/security.md (the delay counts time the process waits for a CPU).
      expect(lagMs).toBeLessThan(5_000);
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
    } finally {
      queryDelayMs = 0;
      await api.stop();
    }
  });
});

describe('200 MB upstream answers', () => {
  // Each cut answer leaves up to limits.maxUpstreamBytes of garbage that V8 collects when it sees
  // fit, and the allocator keeps the pages it has grown to, so resident memory climbs to a plateau
  // (about 110 MB above idle here) and stays there rather than coming back. What the cap promises
  // is that plateau: six rounds of five answers hold less than one answer read whole would (200
  // MB), where reading them whole would take a gigabyte a round, and a leak of every cut answer
  // (40 MB a round) would pass 200 MB by the sixth.
  it('are cut at limits.maxUpstreamBytes with a 502, and six rounds hold less memory than one whole answer', async () => {
    const api = await startChildApi({ PROMETHEUS_URL: upstreamUrl });
    try {
      await freshGet(`${api.url}/healthz`);
      const before = api.rss();
      const grown: number[] = [];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        // Five headline queries at once, each answered 200 MB: five reads cut at 8 MB, and a round
        // of five failures, which is no summary.
        const summary = await fetch(`${api.url}/api/v1/summary?job=huge${i}`);
        statuses.push(summary.status);
        expect(await summary.json()).toEqual({
          error: { code: 'upstream_too_large', message: expect.stringContaining('limits.maxUpstreamBytes') },
        });
        grown.push(api.rss() - before);
      }

      console.log(
        `200 MB answers: RSS ${(before / MB).toFixed(0)} MB idle, then above it after each round: ` +
          grown.map((bytes) => `${(bytes / MB).toFixed(0)} MB`).join(', '),
      );
      expect(statuses).toEqual(Array(6).fill(502));
      expect(Math.max(...grown)).toBeLessThan(200 * MB);
    } finally {
      await api.stop();
    }
  });
});
