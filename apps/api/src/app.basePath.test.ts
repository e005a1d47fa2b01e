import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { withBaseHref } from './web-app/webApp.routes.ts';

const INDEX_HTML =
  '<!doctype html><html><head><meta charset="UTF-8" /><script type="module" src="./assets/index-3f2a1b.js"></script></head><body><div id="root"></div></body></html>';
const ASSET_JS = 'console.log("promwall");';

let webDir: string;

beforeAll(() => {
  webDir = mkdtempSync(path.join(tmpdir(), 'promwall-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(webDir, 'assets', 'index-3f2a1b.js'), ASSET_JS);
});

afterAll(() => {
  rmSync(webDir, { recursive: true, force: true });
});

function appUnder(basePath: string, { dir = webDir, logger = pino({ level: 'silent' }) } = {}) {
  const config = loadConfig({
    PROMETHEUS_URL: 'http://127.0.0.1:9',
    PROMWALL_WEB_DIR: dir,
    PROMWALL_BASE_PATH: basePath,
  });
  return createApp({ config, logger });
}

describe('under the base path /promwall', () => {
  const app = () => appUnder('/promwall');

  it.each([
    ['/promwall/healthz', 200, /^application\/json/],
    ['/promwall/readyz', 503, /^application\/json/],
    ['/promwall/metrics', 200, /^text\/plain/],
    ['/promwall/api/v1/openapi.json', 200, /^application\/json/],
    ['/promwall/api/v1/tv/config', 200, /^application\/json/],
    ['/promwall/api/v1/displays', 200, /^application\/json/],
    ['/promwall/api/v1/summary/cpu?range=-1h', 400, /^application\/json/],
    ['/promwall/api/prom/api/v1/query?query=up', 502, /^application\/json/],
    ['/promwall/assets/index-3f2a1b.js', 200, /javascript/],
    ['/promwall/', 200, /^text\/html/],
    ['/promwall/targets', 200, /^text\/html/],
    ['/promwall/tv', 200, /^text\/html/],
    ['/promwall/embed/cpu', 200, /^text\/html/],
  ])('answers %s', async (route, status, type) => {
    const res = await request(app()).get(route);

    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(type);
  });

  it.each([
    '/healthz',
    '/readyz',
    '/metrics',
    '/api/v1/openapi.json',
    '/api/v1/tv/config',
    '/api/prom/api/v1/query?query=up',
    '/assets/index-3f2a1b.js',
    '/targets',
    '/embed/cpu',
    '/promwallx/healthz',
    '/PROMWALL/healthz',
    '/other/promwall/healthz',
  ])('answers %s, outside the base path, with a JSON 404', async (route) => {
    const res = await request(app()).get(route);

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: { code: 'not_found', message: `No route for GET ${route.split('?')[0]}` } });
  });

  it('names the base path as the server of its OpenAPI document', async () => {
    const res = await request(app()).get('/promwall/api/v1/openapi.json');

    expect(res.body.servers).toEqual([{ url: '/promwall' }]);
  });

  it('answers unknown API paths below it with a JSON 404 naming the whole path', async () => {
    const res = await request(app()).get('/promwall/api/v1/nope');

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('No route for GET /promwall/api/v1/nope');
  });

  it.each([
    ['/', '/promwall/'],
    ['/promwall', '/promwall/'],
    ['/promwall?range=1h', '/promwall/?range=1h'],
    ['/?range=1h', '/promwall/?range=1h'],
  ])('redirects GET %s to %s', async (route, location) => {
    const res = await request(app()).get(route);

    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(location);
  });

  it('redirects HEAD like GET, and does not redirect other methods', async () => {
    expect((await request(app()).head('/promwall')).headers.location).toBe('/promwall/');
    const post = await request(app()).post('/');
    expect(post.status).toBe(404);
    expect(post.headers.location).toBeUndefined();
  });

  it('serves index.html with <base href> set to the base path', async () => {
    const res = await request(app()).get('/promwall/explore?expr=up');

    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(
      INDEX_HTML.replace('<head>', '<head><base href="/promwall/" /><meta name="promwall-features" content="" />'),
    );
  });

  it('serves a rebuilt index.html, not the one it read before', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'promwall-rebuilt-'));
    const file = path.join(dir, 'index.html');
    writeFileSync(file, '<head><title>one</title>');
    const rebuilt = appUnder('/promwall', { dir });
    expect((await request(rebuilt).get('/promwall/')).text).toContain('one');
    writeFileSync(file, '<head><title>second</title>');
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));

    const res = await request(rebuilt).get('/promwall/');
    expect(res.text).toBe(
      '<head><base href="/promwall/" /><meta name="promwall-features" content="" /><title>second</title>',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 web_app_not_built under it when the web app is not built', async () => {
    const res = await request(appUnder('/promwall', { dir: path.join(webDir, 'missing') })).get('/promwall/alerts');

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('web_app_not_built');
  });

  it('applies the embed frame policy to /promwall/embed pages only', async () => {
    const file = path.join(webDir, '..', 'embed-prefixed.yml');
    writeFileSync(file, "embed: { frameAncestors: ['https://intranet.example.com'] }\n");
    const config = loadConfig({
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      PROMWALL_WEB_DIR: webDir,
      PROMWALL_BASE_PATH: '/promwall',
      PROMWALL_CONFIG: file,
    });
    const framed = createApp({ config, logger: pino({ level: 'silent' }) });

    const embed = await request(framed).get('/promwall/embed/cpu');
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors https://intranet.example.com');
    const page = await request(framed).get('/promwall/');
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    const outside = await request(framed).get('/embed/cpu');
    expect(outside.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    rmSync(file);
  });

  it('counts requests by route pattern without the base path, and requests outside it apart', async () => {
    const metered = app();
    await request(metered).get('/promwall/healthz');
    await request(metered).get('/promwall/api/v1/summary/cpu?range=-1h');
    await request(metered).get('/promwall/api/prom/api/v1/admin/tsdb/snapshot');
    await request(metered).get('/wp-login.php');
    const res = await request(metered).get('/promwall/metrics');

    const count = (route: string, status: number) =>
      new RegExp(
        `promwall_http_request_duration_seconds_count\\{method="GET",route="${route.replace(/[()*/]/g, '\\$&')}",status="${status}"\\} 1`,
      );
    expect(res.text).toMatch(count('/healthz', 200));
    expect(res.text).toMatch(count('/api/v1/summary/:metric', 400));
    expect(res.text).toMatch(count('/api/prom/*', 404));
    expect(res.text).toMatch(count('(outside base path)', 404));
    expect(res.text).toContain('promwall_rejected_requests_total{reason="path"} 1');
  });

  it('logs its liveness probe below info', async () => {
    const lines: { level: number; req?: { url: string }; res?: unknown }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    await request(appUnder('/promwall', { logger: pino({ level: 'trace' }, stream) })).get('/promwall/healthz');

    expect(lines.find((line) => line.req?.url === '/promwall/healthz' && line.res)?.level).toBe(
      pino.levels.values.debug,
    );
  });
});

describe('without a base path', () => {
  it('serves the app at / with <base href="/">, and redirects nothing', async () => {
    const res = await request(appUnder('')).get('/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<head><base href="/" />');
  });

  it('takes a base path of / as none', async () => {
    const res = await request(appUnder('/')).get('/healthz');

    expect(res.status).toBe(200);
  });
});

describe('withBaseHref', () => {
  it.each([
    [
      '<!doctype html><html><head><title>x</title></head></html>',
      '<!doctype html><html><head><base href="/p/" /><title>x</title></head></html>',
    ],
    ['<HEAD lang="en"><title>x</title>', '<HEAD lang="en"><base href="/p/" /><title>x</title>'],
    ['<head><base href="/old/"><title>x</title>', '<head><base href="/p/" /><title>x</title>'],
    ['<!doctype html><title>x</title>', '<!doctype html><base href="/p/" /><title>x</title>'],
    ['<title>x</title>', '<base href="/p/" /><title>x</title>'],
  ])('puts the base first in the head of %s', (html, expected) => {
    expect(withBaseHref(html, '/p/')).toBe(expected);
  });
});
