import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headlineKeys } from '@promwall/core/headline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';
import { createUpstreamClient, UpstreamError } from '../upstream/upstream.client.ts';
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
  const service = new SummaryService(createUpstreamClient(config.prometheus, metrics), config, metrics, () => clock);
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

  it('serializes a round once, whichever number of requests it answers', async () => {
    const { service } = serviceWith('cache: { ttl: 1s }\n');

    const first = await service.summary({});
    const second = await service.summary({});

    expect(second.body('json')).toBe(first.body('json'));
    expect(JSON.parse(first.body('json').toString())).toEqual(first.summary);
    expect(second.body('standard')).toBe(first.body('standard'));
  });
});
