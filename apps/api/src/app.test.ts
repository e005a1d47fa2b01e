import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { errorBody } from '@promwall/core/schemas';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { createApp, createAppServer } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './database/database.pool.ts';
import { createMetrics } from './metrics/metrics.ts';

const INDEX_HTML = '<!doctype html><title>Promwall</title><div id="root"></div>';
/** What the browser gets: the page with its base, the root without a base path. */
const SERVED_INDEX_HTML = INDEX_HTML.replace(
  '<!doctype html>',
  '<!doctype html><base href="/" /><meta name="promwall-features" content="" />',
);
const ASSET_JS = 'console.log("promwall");';

function appFor(webDir: string, logger = pino({ level: 'silent' })) {
  const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9', PROMWALL_WEB_DIR: webDir });
  return createApp({ config, logger });
}

/** A logger that keeps every line it writes, for asserting levels. */
function capturingLogger() {
  const lines: { level: number; msg: string; req?: { url: string }; res?: { statusCode: number } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

let webDir: string;
let emptyDir: string;

beforeAll(() => {
  webDir = mkdtempSync(path.join(tmpdir(), 'promwall-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(webDir, 'assets', 'index-3f2a1b.js'), ASSET_JS);
  emptyDir = mkdtempSync(path.join(tmpdir(), 'promwall-empty-'));
});

afterAll(() => {
  rmSync(webDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});

describe('GET /healthz', () => {
  it('answers ok with the package version', async () => {
    const res = await request(appFor(webDir)).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', version: packageJson.version });
  });

  it('answers even when the web app is not built', async () => {
    const res = await request(appFor(emptyDir)).get('/healthz');

    expect(res.status).toBe(200);
  });
});

describe('web app', () => {
  it('serves index.html at /', async () => {
    const res = await request(appFor(webDir)).get('/');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(SERVED_INDEX_HTML);
  });

  it.each(['/explore', '/targets', '/tv', '/embed/cpu'])('serves index.html for the client route %s', async (route) => {
    const res = await request(appFor(webDir)).get(route);

    expect(res.status).toBe(200);
    expect(res.text).toBe(SERVED_INDEX_HTML);
  });

  it('serves built files as they are, cached for good', async () => {
    const res = await request(appFor(webDir)).get('/assets/index-3f2a1b.js');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.text).toBe(ASSET_JS);
  });

  it('answers 404, not index.html, for a missing asset', async () => {
    const res = await request(appFor(webDir)).get('/assets/index-old.js');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers 503 with a JSON error when the web app is not built', async () => {
    const res = await request(appFor(emptyDir)).get('/');

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(errorBody.safeParse(res.body).success).toBe(true);
    expect(res.body.error.code).toBe('web_app_not_built');
    expect(res.body.error.message).toContain('npm run build');
  });

  it('answers 503 when the web directory does not exist at all', async () => {
    const res = await request(appFor(path.join(emptyDir, 'missing'))).get('/explore');

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('web_app_not_built');
  });

  it('does not answer other methods with index.html', async () => {
    const res = await request(appFor(webDir)).post('/explore');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('API paths', () => {
  it.each(['/api/nope', '/api/v1/nope', '/api', '/readyz/x', '/metrics/x'])(
    'answers 404 JSON for unknown %s instead of the web app',
    async (route) => {
      const res = await request(appFor(webDir)).get(route);

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ error: { code: 'not_found', message: `No route for GET ${route}` } });
    },
  );
});

describe('readiness and metrics', () => {
  it('answers /readyz with 503 and a JSON error while the upstream is unreachable', async () => {
    const res = await request(appFor(webDir)).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('not_ready');
    expect(res.body.error.message).toBe('prometheus is unreachable (ECONNREFUSED)');
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
  });

  it('counts requests by route pattern and status in /metrics', async () => {
    const app = appFor(webDir);
    await request(app).get('/healthz');
    await request(app).get('/api/v1/summary/cpu?range=-1h');
    const res = await request(app).get('/metrics');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /promwall_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
    expect(res.text).toMatch(
      /promwall_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/summary\/:metric",status="400"\} 1/,
    );
    expect(res.text).toContain('promwall_upstream_request_duration_seconds');
    expect(res.text).toContain('promwall_process_cpu_seconds_total');
  });
});

describe('TV walls', () => {
  it('serves the TV configuration with its refresh floor', async () => {
    const res = await request(appFor(webDir)).get('/api/v1/tv/config');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Promwall',
      refreshMs: 10_000,
      minRefreshMs: 5_000,
      tiles: ['cpu', 'memory', 'dbConnections', 'rps', 'latencyP95'],
      panels: ['targets', 'alerts'],
      pages: ['overview'],
      dailyReloadMs: 86_400_000,
      version: packageJson.version,
    });
  });

  it('lists the displays that sent a heartbeat, with when and what they run', async () => {
    const app = appFor(webDir);
    const beat = {
      id: 'lobby-tv',
      version: '0.1.0',
      page: '/tv?rotate=30s',
      refreshMs: 10_000,
      lastRefreshAt: new Date().toISOString(),
    };
    const sent = await request(app).post('/api/v1/displays/heartbeat').set('user-agent', 'WallBrowser/1').send(beat);
    expect(sent.status).toBe(204);

    const res = await request(app).get('/api/v1/displays');
    expect(res.body.displays).toEqual([
      expect.objectContaining({ ...beat, userAgent: 'WallBrowser/1', alive: true, lastSeenAt: expect.any(String) }),
    ]);
  });

  it.each([
    ['an id with a slash', { id: 'a/b' }],
    ['a missing field', { version: undefined }],
    ['an unknown field', { extra: 1 }],
    ['a string for a number', { refreshMs: '10' }],
    ['a bad time', { lastRefreshAt: 'yesterday' }],
  ])('refuses a heartbeat with %s, and records nothing', async (_what, change) => {
    const app = appFor(webDir);
    const beat = { id: 'tv-1', version: '0.1.0', page: '/tv', refreshMs: 10_000, lastRefreshAt: null, ...change };
    const res = await request(app).post('/api/v1/displays/heartbeat').send(beat);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect((await request(app).get('/api/v1/displays')).body.displays).toEqual([]);
  });

  it('refuses a heartbeat that is not JSON with 415', async () => {
    const res = await request(appFor(webDir)).post('/api/v1/displays/heartbeat').type('form').send('id=x');
    expect(res.status).toBe(415);
  });
});

describe('history', () => {
  it.each(['/api/v1/history', '/api/v1/history/cpu', '/api/v1/history/export?format=csv'])(
    'answers %s with 404 history_not_configured when no database is configured',
    async (path) => {
      const res = await request(appFor(webDir)).get(path);

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('history_not_configured');
      expect(res.body.error.message).toContain('PROMWALL_DATABASE_URL');
    },
  );

  it('is named in the page only when a database is configured, for the app to show its page', async () => {
    const without = await request(appFor(webDir)).get('/history');
    expect(without.text).toContain('<meta name="promwall-features" content="" />');

    const config = loadConfig({
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      PROMWALL_WEB_DIR: webDir,
      PROMWALL_DATABASE_URL: 'postgresql://promwall:s3cret@127.0.0.1:9/promwall',
    });
    const metrics = createMetrics();
    const database = openDatabase(config.database!, pino({ level: 'silent' }), metrics.registry);
    try {
      const res = await request(createApp({ config, logger: pino({ level: 'silent' }), metrics, database })).get(
        '/history',
      );
      expect(res.text).toContain('<meta name="promwall-features" content="history" />');
    } finally {
      await database.close();
    }
  });

  it('is in the OpenAPI document', async () => {
    const res = await request(appFor(webDir)).get('/api/v1/openapi.json');

    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/history', '/api/v1/history/{metric}', '/api/v1/history/export']),
    );
    const series = res.body.paths['/api/v1/history/{metric}'].get;
    expect(series.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'metric',
      'from',
      'to',
      'instance',
      'resolution',
    ]);
    expect(JSON.stringify(series.responses['200'])).toContain('stepSeconds');
  });

  it('answers 503 while the configured database cannot be reached, naming no address', async () => {
    const config = loadConfig({
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      PROMWALL_DATABASE_URL: 'postgresql://promwall:s3cret@127.0.0.1:9/promwall',
    });
    const metrics = createMetrics();
    const database = openDatabase(config.database!, pino({ level: 'silent' }), metrics.registry);
    try {
      const res = await request(createApp({ config, logger: pino({ level: 'silent' }), metrics, database })).get(
        '/api/v1/history/cpu',
      );

      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('database_unavailable');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|s3cret/);
    } finally {
      await database.close();
    }
  });
});

describe('request bodies', () => {
  it('refuses an oversized body with 413 JSON before reading it', async () => {
    const res = await request(appFor(webDir))
      .post('/api/v1/summary')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('refuses a malformed JSON body with 400', async () => {
    const res = await request(appFor(webDir))
      .post('/api/v1/summary')
      .set('content-type', 'application/json')
      .send('{"a":');

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules/);
  });
});

describe('the PromQL pass-through', () => {
  it('is mounted at /api/prom, refuses what is not on its allowlist, and counts the refusal', async () => {
    const app = appFor(webDir);
    const refused = await request(app).post('/api/prom/api/v1/admin/tsdb/snapshot');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ status: 'error', errorType: 'not_found', error: expect.any(String) });

    const unreachable = await request(app).get('/api/prom/api/v1/query?query=up');
    expect(unreachable.status).toBe(502);
    expect(unreachable.body).toEqual({
      status: 'error',
      errorType: 'unavailable',
      error: 'prometheus could not be reached (ECONNREFUSED)',
    });

    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toContain('promwall_rejected_requests_total{reason="path"} 1');
  });
});

describe('response headers', () => {
  it.each(['/', '/healthz', '/api/nope'])('sets the security headers on %s', async (route) => {
    const res = await request(appFor(webDir)).get(route);

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets /embed pages be framed only by the configured sites', async () => {
    const file = path.join(webDir, '..', 'embed.yml');
    writeFileSync(file, "embed: { frameAncestors: [\"'self'\", 'https://intranet.example.com'] }\n");
    const config = loadConfig({
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      PROMWALL_WEB_DIR: webDir,
      PROMWALL_CONFIG: file,
    });
    const app = createApp({ config, logger: pino({ level: 'silent' }) });

    const embed = await request(app).get('/embed/cpu');
    expect(embed.headers['content-security-policy']).toContain("frame-ancestors 'self' https://intranet.example.com");
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const page = await request(app).get('/');
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('by default lets only the same origin frame /embed pages', async () => {
    const embed = await request(appFor(webDir)).get('/embed/cpu');
    expect(embed.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    expect(embed.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('returns a request id, reusing a well-formed one from the caller', async () => {
    const app = appFor(webDir);

    const generated = await request(app).get('/healthz');
    const reused = await request(app).get('/healthz').set('X-Request-Id', 'probe-42');
    const forged = await request(app).get('/healthz').set('X-Request-Id', 'a\tb');

    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reused.headers['x-request-id']).toBe('probe-42');
    expect(forged.headers['x-request-id']).not.toBe('a\tb');
  });
});

describe('request log', () => {
  it('logs by status: 5xx as error, 4xx as warn, fast successes below info', async () => {
    const { logger, lines } = capturingLogger();
    const app = appFor(webDir, logger);

    await request(appFor(emptyDir, logger)).get('/alerts');
    await request(app).get('/healthz');
    await request(app).get('/api/nope');
    await request(app).get('/explore');

    // The completion line is the one that carries the response.
    const levelOf = (url: string) => lines.find((line) => line.req?.url === url && line.res)?.level;
    expect(levelOf('/alerts')).toBe(pino.levels.values.error);
    expect(levelOf('/healthz')).toBe(pino.levels.values.debug);
    expect(levelOf('/api/nope')).toBe(pino.levels.values.warn);
    expect(levelOf('/explore')).toBe(pino.levels.values.debug);
  });

  it('leaves request headers, and the credentials they may carry, out of the log', async () => {
    const { logger, lines } = capturingLogger();

    await request(appFor(webDir, logger)).get('/explore').set('Authorization', 'Bearer s3cret-token');

    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('s3cret-token');
  });
});

describe('rate limit', () => {
  function limitedApp(requests: number) {
    const file = path.join(webDir, '..', `limit-${requests}.yml`);
    writeFileSync(file, `limits: { rateLimit: { requests: ${requests}, per: 1m } }\n`);
    const config = loadConfig({
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      PROMWALL_WEB_DIR: webDir,
      PROMWALL_CONFIG: file,
    });
    return createApp({ config, logger: pino({ level: 'silent' }) });
  }

  it('answers 429 with Retry-After once a client spent its budget, and counts the refusal', async () => {
    const app = limitedApp(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(app).get('/api/v1/tv/config')).status);
    const refused = await request(app).get('/api/v1/tv/config');

    expect(statuses).toEqual([200, 200, 429]);
    expect(refused.body).toEqual({ error: { code: 'too_many_requests', message: 'rate limit reached; slow down' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await request(app).get('/metrics')).text).toContain(
      'promwall_rejected_requests_total{reason="rate_limit"} 2',
    );
  });

  it("answers 429 on /api/prom in Prometheus's error shape", async () => {
    const app = limitedApp(1);
    await request(app).get('/api/prom/api/v1/status/buildinfo');
    const refused = await request(app).get('/api/prom/api/v1/status/buildinfo');

    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toEqual({ status: 'error', errorType: 'unavailable', error: 'rate limit reached; slow down' });
  });
});

describe('createAppServer', () => {
  it('serves the app with requests and responses made from its own prototypes', async () => {
    const app = appFor(webDir);
    const seen: [boolean, boolean][] = [];
    const server = createAppServer(app);
    server.prependListener('request', (req, res) => {
      seen.push([Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response]);
    });

    const health = await request(server).get('/healthz');
    const refused = await request(server).get('/api/prom/api/v1/admin/tsdb/snapshot?x=1');

    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(refused.status).toBe(404);
    expect(refused.body.errorType).toBe('not_found');
    expect(seen).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
