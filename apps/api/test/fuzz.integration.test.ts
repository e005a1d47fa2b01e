import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildApi, type ChildApi } from './support/child.ts';

// Hostile bytes at the built server: every answer must be a status Promwall chose, with a JSON
// body, and the process must outlive them all with its memory in bounds.

const MB = 1024 * 1024;
/** Statuses Promwall answers on purpose; 500 is not one of them. */
const DELIBERATE = new Set([200, 204, 400, 404, 405, 408, 409, 413, 415, 421, 429, 431, 502, 503, 504]);

let upstream: http.Server;
let api: ChildApi;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const body = req.url!.startsWith('/api/v1/targets')
      ? { status: 'success', data: { activeTargets: [] } }
      : req.url!.startsWith('/api/v1/alerts')
        ? { status: 'success', data: { alerts: [] } }
        : { status: 'success', data: { resultType: 'vector', result: [] } };
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // No web app: every answer, even to a path the app would serve, is then JSON.
  api = await startChildApi({ PROMETHEUS_URL: upstreamUrl, PROMWALL_WEB_DIR: '/nonexistent' });
});

afterAll(async () => {
  await api?.stop();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** Sends raw bytes on a fresh connection; the status and body of the first answer, or 'closed'. */
function rawRequest(port: number, bytes: Buffer): Promise<{ status: number; type: string; body: string } | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const head = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n/.exec(text);
      if (!head) return resolve('closed');
      const type = /^content-type: *(.*)$/im.exec(head[2]!)?.[1] ?? '';
      const length = Number(/^content-length: *(\d+)$/im.exec(head[2]!)?.[1] ?? -1);
      const rest = text.slice(head[0].length);
      resolve({ status: Number(head[1]), type, body: length >= 0 ? rest.slice(0, length) : rest });
    });
    socket.end(bytes);
  });
}

const PATHS = [
  '/api/v1/summary',
  '/api/v1/summary/cpu',
  '/api/v1/targets',
  '/api/v1/alerts',
  '/api/v1/displays',
  '/api/v1/displays/heartbeat',
  '/api/v1/tv/config',
  '/api/v1/openapi.json',
  '/api/prom/api/v1/query',
  '/api/prom/api/v1/series',
  '/api/prom/api/v1/label/job/values',
  '/api/prom/api/v1/admin/tsdb/snapshot',
  '/healthz',
  '/readyz',
  '/metrics',
  '/',
  '/tv',
  '/assets/../../etc/passwd',
];

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '%00',
    '\0',
    '\r\n',
    '%0d%0a',
    '%ff',
    '%c3',
    '..',
    '%2e%2e',
    '[]',
    '\u2028',
  ),
  fc.constantFrom('x'.repeat(100_000), '%'.repeat(5_000)),
);

const request = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'GE\0T', ''),
    path: fc.oneof(
      fc.constantFrom(...PATHS),
      fc.tuple(fc.constantFrom(...PATHS), hostile).map(([p, h]) => `${p}/${h}`),
    ),
    query: fc.array(fc.tuple(hostile, hostile), { maxLength: 4 }),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom(
          'Content-Type',
          'X-Forwarded-For',
          'Host',
          'Transfer-Encoding',
          'Content-Length',
          'X-Request-Id',
          'Cookie',
          '__proto__',
        ),
        hostile,
      ),
      { maxLength: 3 },
    ),
    body: fc.oneof(
      fc.constant(''),
      hostile,
      fc.constantFrom(
        '{"__proto__":{"polluted":1},"id":"x","version":"1","page":"/","refreshMs":1,"lastRefreshAt":null}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        'query=up&query=down',
        '{"id":"tv',
      ),
    ),
    truncatedUtf8: fc.boolean(),
  })
  .map(({ method, path, query, headers, body, truncatedUtf8 }) => {
    const search = query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    const bodyBytes = Buffer.concat([
      Buffer.from(body, 'utf8'),
      truncatedUtf8 ? Buffer.from([0xe2, 0x82]) : Buffer.alloc(0),
    ]);
    const lines = [
      `${method} ${path}${search} HTTP/1.1`,
      'Host: 127.0.0.1',
      ...headers.map(([name, value]) => `${name}: ${value}`),
      `Content-Length: ${bodyBytes.length}`,
      'Connection: close',
    ];
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bodyBytes]);
  });

describe('fuzzing the built server', () => {
  it('answers hostile paths, queries, headers and bodies with deliberate JSON answers, and lives on', async () => {
    const port = Number(new URL(api.url).port);
    let answered = 0;
    const started = Date.now();
    const property = fc.asyncProperty(request, async (bytes) => {
      const reply = await rawRequest(port, bytes);
      if (reply === 'closed') return;
      answered++;
      expect(DELIBERATE.has(reply.status), `${reply.status} for ${bytes.toString('latin1').slice(0, 200)}`).toBe(true);
      if (reply.status !== 204 && !bytes.toString('latin1').startsWith('HEAD ')) {
        expect(reply.type, bytes.toString('latin1').slice(0, 200)).toMatch(
          /^application\/json|^text\/plain; version=0\.0\.4|^application\/openmetrics-text/,
        );
        if (reply.type.startsWith('application/json')) expect(() => JSON.parse(reply.body)).not.toThrow();
      }
    });
    // Two halves: the first warms up (the JIT, the heap sized to the traffic); what the second
    // adds is what a leak would look like.
    const before = api.rss();
    await fc.assert(property, { numRuns: 750, interruptAfterTimeLimit: 60_000 });
    const warm = api.rss();
    await fc.assert(property, { numRuns: 750, interruptAfterTimeLimit: 60_000 });
    const after = api.rss();

    console.log(
      `fuzz: ${answered} answers in ${((Date.now() - started) / 1000).toFixed(0)} s; RSS ${(before / MB).toFixed(0)} MB ` +
        `before, ${(warm / MB).toFixed(0)} MB after the first half, ${(after / MB).toFixed(0)} MB after the second`,
    );
    expect(api.process.exitCode).toBeNull();
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const displays = (await (await fetch(`${api.url}/api/v1/displays`)).json()) as { displays: unknown[] };
    expect(JSON.stringify(displays)).not.toContain('polluted');
    expect(after - warm).toBeLessThan(32 * MB);
    expect(after - before).toBeLessThan(128 * MB);
  });
});
