import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headlineKeys } from '@promwall/core/headline';
import { headlineSeries, summary as summarySchema } from '@promwall/core/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertRulesService } from '../alerts/alertRules.service.ts';
import { loadConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';
import { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { createUpstreamClient, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import { SummaryService } from './summary.service.ts';

// A stand-in upstream that answers like Prometheus, then plays what a real one cannot be told to
// do on cue: a 503 for every query, then silence.

type Mode = 'ok' | '503' | 'hang';

/** The shape of Prometheus's answer to a headline query with its per-instance split. */
const VECTOR = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { promwall_headline: '1' }, value: [1_700_000_000, '42'] },
      { metric: { instance: '127.0.0.1:9100' }, value: [1_700_000_000, '42'] },
    ],
  },
});

let mode: Mode = 'ok';
let queries = 0;
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    queries += 1;
    if (mode === 'hang') return;
    if (mode === '503') {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(VECTOR);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  mode = 'ok';
  queries = 0;
});

function serviceWith(cacheFile: string) {
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const file = join(mkdtempSync(join(tmpdir(), 'promwall-summary-')), 'promwall.yml');
  writeFileSync(file, `prometheus: { url: ${url}, timeout: 300ms }\n${cacheFile}`);
  const config = loadConfig({ PROMWALL_CONFIG: file }, '/nonexistent');
  const metrics = createMetrics();
  const upstreamLimits = { maxBytes: config.limits.maxUpstreamBytes, concurrency: new ConcurrencyLimit(8, 1_000) };
  const client = createUpstreamClient(config.prometheus, metrics, upstreamLimits);
  const now = () => clock;
  const service = new SummaryService(
    client,
    new AlertRulesService(client, config.cache, metrics, now),
    config,
    metrics,
    now,
  );
  return { service, advance: (ms: number) => (clock += ms) };
}

describe('SummaryService through upstream failures', () => {
  it('keeps answering the last good round, marked stale, through a 503 on every query and then a hang', async () => {
    const { service, advance } = serviceWith('cache: { ttl: 1s, staleWhileRevalidate: 0s, serveStaleFor: 5m }\n');
    const good = (await service.summary({})).summary;
    expect(good.stale).toBe(false);
    expect(good.metrics.cpu.value).toBe(42);

    mode = '503';
    advance(1_000);
    const during503 = (await service.summary({})).summary;

    mode = 'hang';
    advance(1_000);
    const duringHang = (await service.summary({})).summary;

    for (const answer of [during503, duringHang]) {
      expect(answer.stale).toBe(true);
      expect(answer.generatedAt).toBe(good.generatedAt);
      for (const key of headlineKeys) expect(answer.metrics[key].value, key).toBe(42);
    }
  });

  it('answers the failure itself when no good round is recent enough', async () => {
    const { service, advance } = serviceWith('cache: { ttl: 1s, staleWhileRevalidate: 0s, serveStaleFor: 0s }\n');
    await service.summary({});
    mode = '503';
    advance(1_000);

    const failure = await service.summary({}).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ status: 502, code: 'upstream_failed' });
  });

  it('answers the cached round at once past its TTL while the refresh hangs, without marking it stale', async () => {
    const { service, advance } = serviceWith('cache: { ttl: 1s, staleWhileRevalidate: 3s }\n');
    const good = (await service.summary({})).summary;
    mode = 'hang';
    advance(1_500);

    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => service.summary({})));

    expect(Date.now() - started).toBeLessThan(100);
    for (const { summary } of answers) expect(summary).toBe(good);
    // One refresh in flight: one query per headline metric, not one per caller.
    await expect.poll(() => queries).toBe(2 * headlineKeys.length);
  });

  it('keeps the last good round through a sweep for as long as it may be served', async () => {
    const { service, advance } = serviceWith('cache: { ttl: 1s, staleWhileRevalidate: 0s, serveStaleFor: 1m }\n');
    const good = (await service.summary({})).summary;
    mode = '503';
    advance(30_000);
    await service.summary({});
    advance(20_000);

    service.sweep();

    expect((await service.summary({})).summary).toMatchObject({ stale: true, generatedAt: good.generatedAt });
  });

  it('serializes a round once, whichever number of requests it answers', async () => {
    const { service } = serviceWith('cache: { ttl: 1s }\n');

    const first = await service.summary({});
    const second = await service.summary({});

    expect(second.body('json')).toBe(first.body('json'));
    expect(JSON.parse(first.body('json').toString())).toEqual(first.summary);
    expect(second.body('standard')).toBe(first.body('standard'));
  });
});

const defaults = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9' }, '/nonexistent');
const limits = { ...defaults.limits, maxInstances: 50, maxSeries: 20 };

/** Answers every instant query with the headline row and `instances` per-instance rows. */
function manyInstances(instances: number): UpstreamClient {
  return {
    name: 'prometheus',
    send: () => Promise.reject(new Error('summaries send nothing')),
    getJson: (path) => {
      if (path === '/api/v1/query') {
        const result = [
          { metric: { promwall_headline: '1' }, value: [1, '42'] },
          ...Array.from({ length: instances }, (_, i) => ({
            metric: { instance: `host-${i}` },
            value: [1, String(i)],
          })),
        ];
        return Promise.resolve({ status: 'success', data: { resultType: 'vector', result } });
      }
      const result = Array.from({ length: instances }, (_, i) => ({
        metric: { instance: `host-${i}` },
        values: [
          [1, String(i % 97)],
          [2, '0'],
        ],
      }));
      return Promise.resolve({ status: 'success', data: { resultType: 'matrix', result } });
    },
  };
}

const serviceFor = (instances: number) =>
  new SummaryService(
    manyInstances(instances),
    { rules: () => Promise.resolve([]) },
    { ...defaults, limits },
    createMetrics(),
  );

describe('SummaryService limits', () => {
  it('keeps the instances with the highest values up to limits.maxInstances, and says so', async () => {
    const answer = (await serviceFor(5_000).summary({})).summary;

    const cpu = answer.metrics.cpu;
    expect(summarySchema.parse(answer)).toEqual(answer);
    expect(cpu.value).toBe(42);
    expect(cpu.byInstance).toHaveLength(50);
    expect(cpu.byInstanceTruncated).toEqual({ limit: 50, total: 5_000 });
    expect(Math.min(...cpu.byInstance.map((row) => row.value!))).toBe(4_950);
    expect(cpu.byInstance.map((row) => row.instance)).toEqual(cpu.byInstance.map((row) => row.instance).sort());
  });

  it('answers every instance, without a note, up to the limit', async () => {
    const cpu = (await serviceFor(50).summary({})).summary.metrics.cpu;

    expect(cpu.byInstance).toHaveLength(50);
    expect(cpu.byInstanceTruncated).toBeUndefined();
  });

  it('keeps the series with the highest peaks up to limits.maxSeries, and says so', async () => {
    const { value: answer } = await serviceFor(1_000).headlineSeries({
      metric: 'cpu',
      rangeMs: 60_000,
      stepMs: 1_000,
      byInstance: true,
      filters: {},
    });

    expect(headlineSeries.parse(answer)).toEqual(answer);
    expect(answer.series).toHaveLength(20);
    expect(answer.truncated).toEqual({ limit: 20, total: 1_000 });
    expect(answer.series.every((series) => series.points[0]![1]! >= 91)).toBe(true);
  });
});
