import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics.ts';
import { ConcurrencyLimit } from './concurrencyLimit.ts';
import { createUpstreamClient, UpstreamError } from './upstream.client.ts';

// Stand-ins for what a real Prometheus never does: answer hundreds of MB, trickle, stall.

const servers: http.Server[] = [];

async function fakeUpstream(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const MB = 1024 * 1024;

function clientFor(url: string, { timeoutMs = 2_000, maxBytes = 4 * MB, limit = new ConcurrencyLimit(8, 1_000) } = {}) {
  const metrics = createMetrics();
  const client = createUpstreamClient({ name: 'prometheus', url, pathPrefix: '', timeoutMs, headers: {} }, metrics, {
    maxBytes,
    concurrency: limit,
  });
  return { client, metrics };
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** An answer of `total` bytes of a JSON string, written as fast as the reader takes it. */
function huge(total: number, { declareLength = false } = {}): http.RequestListener {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': total } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    res.write('{"status":"success","data":"');
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('"}');
    };
    res.on('error', () => {});
    pump();
  };
}

describe('upstream answers larger than limits.maxUpstreamBytes', () => {
  it('stops reading a 200 MB answer at the limit and fails with a clear 502, memory staying flat', async () => {
    const url = await fakeUpstream(huge(200 * MB));
    const { client } = clientFor(url, { maxBytes: 4 * MB });
    globalThis.gc?.();
    const before = process.memoryUsage().rss;

    const started = Date.now();
    const error = await failureOf(client.getJson('/api/v1/query'));
    const grew = process.memoryUsage().rss - before;

    expect(error).toMatchObject({ status: 502, code: 'upstream_too_large', failure: 'too_large' });
    expect(error.message).toBe('prometheus answered more than 4 MB (limits.maxUpstreamBytes)');
    expect(Date.now() - started).toBeLessThan(2_000);
    console.log(`upstream client: RSS grew ${(grew / MB).toFixed(1)} MB reading a 200 MB answer cut at 4 MB`);
    expect(grew).toBeLessThan(64 * MB);
  });

  it('refuses an answer whose declared length is over the limit without reading it', async () => {
    const url = await fakeUpstream(huge(10 * MB, { declareLength: true }));
    const { client } = clientFor(url, { maxBytes: 1 * MB });

    expect(await failureOf(client.getJson('/api/v1/query'))).toMatchObject({ code: 'upstream_too_large' });
  });

  it('reads an answer of exactly the limit', async () => {
    const body = JSON.stringify({ status: 'success', data: 'y'.repeat(MB - 40) });
    const url = await fakeUpstream((_req, res) => res.end(body.padEnd(MB, ' ')));
    const { client } = clientFor(url, { maxBytes: MB });

    expect(await client.getJson('/api/v1/query')).toMatchObject({ status: 'success' });
  });
});

describe('the overall deadline', () => {
  it('ends an answer trickling one byte a second at the timeout, not when the socket idles', async () => {
    const url = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(timer));
    });
    const { client } = clientFor(url, { timeoutMs: 1_000 });

    const started = Date.now();
    const error = await failureOf(client.getJson('/api/v1/query'));

    expect(error).toMatchObject({ status: 504, code: 'upstream_timeout' });
    expect(Date.now() - started).toBeLessThan(1_800);
  });
});

describe('the cap on concurrent upstream queries', () => {
  it('queues queries past the cap, then fails them with 503 and Retry-After', async () => {
    let open = 0;
    let most = 0;
    const url = await fakeUpstream((_req, res) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        res.end('{"status":"success","data":{}}');
      }, 300);
    });
    const { client, metrics } = clientFor(url, { limit: new ConcurrencyLimit(2, 400) });

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        client.getJson('/api/v1/query').then(
          () => 'ok',
          (error: UpstreamError) => `${error.status} ${error.code} ${error.retryAfterSeconds}`,
        ),
      ),
    );

    expect(most).toBe(2);
    // Two at once, two more after 300 ms within the 400 ms queue wait; the last two wait too long.
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === '503 overloaded 1')).toHaveLength(2);
    expect(await metrics.registry.getSingleMetricAsString('promwall_rejected_requests_total')).toContain(
      'reason="upstream_concurrency"} 2',
    );
  });
});
