import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { startApi, type RunningApi } from './support/api.ts';
import { Forwarder } from './support/forwarder.ts';

let stack: Stack;
let forwarder: Forwarder;
/** Serves the last good summary through an outage. */
let staleApi: RunningApi;
/** Configured never to serve stale figures. */
let strictApi: RunningApi;

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'promwall-faults-')), 'promwall.yml');
  writeFileSync(path, text);
  return path;
}

/** The summary once a refresh has met the outage: the first request past the TTL may still be served from the cache. */
function untilFailing(api: RunningApi) {
  return eventually(
    async () => {
      const answer = await api.get('/api/v1/summary');
      return answer.status === 200 ? undefined : answer;
    },
    5_000,
    'the summary to fail',
  );
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

beforeAll(async () => {
  ({ stack } = await startTestStack('faults', { withoutPromwall: true }));
  const prometheus = new URL(stack.urls.prometheus);
  forwarder = new Forwarder({ host: prometheus.hostname, port: Number(prometheus.port) });
  await forwarder.up();
  const env = { PROMETHEUS_URL: forwarder.url, PROMWALL_CACHE_TTL: '1s' };
  staleApi = await startApi(env);
  strictApi = await startApi({ ...env, PROMWALL_CONFIG: configFile('cache: { serveStaleFor: 0s }\n') });
  for (const api of [staleApi, strictApi]) {
    await eventually(
      async () => {
        const { body } = await api.get('/api/v1/summary');
        return body.metrics?.cpu.value !== null ? body : undefined;
      },
      30_000,
      'a first good summary',
    );
  }
});

afterAll(async () => {
  await staleApi?.close();
  await strictApi?.close();
  await forwarder?.down();
  await stack?.stop();
});

describe('Prometheus unreachable, then back', () => {
  it('keeps /healthz up, turns /readyz to 503, answers stale or 502, and recovers by itself', async () => {
    const good = (await staleApi.get('/api/v1/summary')).body;
    await forwarder.down();
    await sleep(1_100);

    expect((await staleApi.get('/healthz')).status).toBe(200);
    const ready = await staleApi.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toMatch(/^prometheus is unreachable/);

    // Past the TTL the cached round is answered at once, unmarked (nothing has failed yet), while
    // its refresh finds the outage; from then on the answer is the last good round, marked stale.
    const first = await timed(() => staleApi.get('/api/v1/summary'));
    expect(first.value.status).toBe(200);
    expect(first.ms).toBeLessThan(2_000);
    const stale = await eventually(
      async () => {
        const answer = await timed(() => staleApi.get('/api/v1/summary'));
        return answer.value.body.stale === true ? answer : undefined;
      },
      5_000,
      'a summary marked stale',
    );
    expect(stale.value.status).toBe(200);
    expect(stale.value.body.lastSuccessAt).toBe(stale.value.body.generatedAt);
    expect(Date.parse(stale.value.body.lastSuccessAt)).toBeGreaterThanOrEqual(Date.parse(good.generatedAt));
    expect(stale.value.body.metrics.cpu.value).toEqual(expect.any(Number));
    expect(stale.ms).toBeLessThan(2_000);

    await strictApi.get('/api/v1/summary');
    const strict = await untilFailing(strictApi);
    expect(strict.status).toBe(502);
    expect(strict.body.error).toEqual({
      code: 'upstream_unreachable',
      message: 'prometheus is unreachable (ECONNREFUSED)',
    });

    const targets = await staleApi.get('/api/v1/targets');
    expect(targets.status).toBe(502);
    const series = await staleApi.get('/api/v1/summary/cpu?range=5m');
    expect(series.status).toBe(502);

    await forwarder.up();
    const recovered = await eventually(
      async () => {
        const { body } = await staleApi.get('/api/v1/summary');
        return body.stale === false ? body : undefined;
      },
      10_000,
      'a fresh summary',
    );
    expect(recovered.metrics.cpu.value).toEqual(expect.any(Number));
    expect((await staleApi.get('/readyz')).status).toBe(200);
    expect((await strictApi.get('/api/v1/summary')).status).toBe(200);
  });
});

describe('an upstream that accepts connections and never answers', () => {
  it('answers 504 within the configured timeout, and /readyz 503', async () => {
    const silent = new Forwarder('hang');
    await silent.up();
    const api = await startApi({
      PROMETHEUS_URL: silent.url,
      PROMWALL_CONFIG: configFile('prometheus: { url: http://unused, timeout: 1s }\n'),
    });
    try {
      const summary = await timed(() => api.get('/api/v1/summary'));
      expect(summary.value.status).toBe(504);
      expect(summary.value.body.error).toEqual({
        code: 'upstream_timeout',
        message: 'prometheus did not answer within 1 s',
      });
      expect(summary.ms).toBeLessThan(3_000);

      const ready = await timed(() => api.get('/readyz'));
      expect(ready.value.status).toBe(503);
      expect(ready.ms).toBeLessThan(3_000);
      expect((await api.get('/healthz')).status).toBe(200);
      expect((await api.get('/api/v1/targets')).status).toBe(504);
    } finally {
      await api.close();
      await silent.down();
    }
  });
});

describe('Prometheus stopped', () => {
  it('answers a clear 502 once the real server is gone', async () => {
    await stack.stop();
    await sleep(1_100);
    await strictApi.get('/api/v1/summary');
    const { status, body } = await untilFailing(strictApi);
    expect(status).toBe(502);
    expect(body.error.code).toBe('upstream_unreachable');
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|at .*\.js/);
  });
});
