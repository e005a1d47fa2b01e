import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamConfig } from '../config.ts';
import { errorHandler } from '../http/errors.ts';
import { securityHeaders } from '../http/securityHeaders.ts';
import { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { promProxy, type ProxyRefusalReason } from './proxy.routes.ts';

// Stand-in upstreams for what a real Prometheus cannot show: the headers and body it received,
// cookies and CORS headers in its answers, silence, resets. Real answers are in the
// integration test.

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  remotePort: number;
}

interface StandIn {
  url: string;
  received: Received[];
  /** Requests that reached the stand-in and whose connection has since closed. */
  closed: number;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** An upstream that records each request, then lets `answer` reply (or not). */
async function standIn(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<StandIn> {
  const received: Received[] = [];
  const state = { closed: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort!,
      });
      answer(req, res);
    });
    res.on('close', () => state.closed++);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get closed() {
      return state.closed;
    },
    close: () => stop(server),
  };
}

const answersLikePrometheus = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('Set-Cookie', ['session=upstream; Path=/', 'other=1']);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', 'X-Secret');
  res.setHeader('WWW-Authenticate', 'Basic realm="prometheus"');
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('X-Prometheus-Api', 'kept');
  res.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
};

interface Proxy {
  port: number;
  rejects: ProxyRefusalReason[];
  /** Requests answered from another request's flight. */
  collapsed: number;
  close(): Promise<void>;
}

async function startProxy(
  upstream: Partial<UpstreamConfig> & { url: string },
  maxBodyBytes = 1024,
  { collapse = true, concurrency = new ConcurrencyLimit(64, 1_000) } = {},
): Promise<Proxy> {
  const rejects: ProxyRefusalReason[] = [];
  const counts = { collapsed: 0 };
  const router = promProxy({
    upstream: { name: 'prometheus', pathPrefix: '', timeoutMs: 5_000, headers: {}, ...upstream },
    maxBodyBytes,
    concurrency,
    collapse,
    onReject: (reason) => rejects.push(reason),
    onCollapse: () => counts.collapsed++,
  });
  const app = express()
    .use(securityHeaders(["'self'"], ''))
    .use('/api/prom', router)
    .use(errorHandler);
  const server = http.createServer(app);
  const port = await listen(server);
  return {
    port,
    rejects,
    get collapsed() {
      return counts.collapsed;
    },
    close: () => stop(server),
  };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

interface SendOptions {
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Sent without Content-Length, so Node frames it as chunked. */
  chunked?: boolean;
}

/** A raw request: the path goes out exactly as written, with no client-side normalisation. */
function send(
  port: number,
  method: string,
  path: string,
  { headers = {}, body, chunked = false }: SendOptions = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const allHeaders = { ...headers };
    if (body !== undefined && !chunked) allHeaders['Content-Length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: allHeaders, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('promProxy forwarding', () => {
  let upstream: StandIn;
  let proxy: Proxy;

  beforeAll(async () => {
    upstream = await standIn(answersLikePrometheus);
    proxy = await startProxy({
      url: upstream.url,
      headers: { Authorization: 'Bearer configured-token', 'X-Scope-OrgID': 'tenant-a' },
    });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });
  afterEach(() => {
    upstream.received.length = 0;
    proxy.rejects.length = 0;
  });

  it('forwards an allowed GET with its query string unchanged', async () => {
    const query = 'query=sum%20by%20(job)%20(up%7Bjob%3D%22api%22%7D)&time=1700000000.5';

    const res = await send(proxy.port, 'GET', `/api/prom/api/v1/query?${query}`);

    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'success', data: { resultType: 'vector', result: [] } });
    expect(upstream.received).toHaveLength(1);
    expect(upstream.received[0]).toMatchObject({ method: 'GET', url: `/api/v1/query?${query}` });
  });

  it('replaces client credentials, cookies and hop-by-hop headers with the configured ones', async () => {
    await send(proxy.port, 'GET', '/api/prom/api/v1/labels', {
      headers: {
        Cookie: 'grafana_session=abc',
        Authorization: 'Basic Y2xpZW50OnNlY3JldA==',
        'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0',
        Connection: 'keep-alive, X-Hop',
        'X-Hop': 'hop',
        'Keep-Alive': 'timeout=5',
        TE: 'trailers',
        'X-Scope-OrgID': 'tenant-b',
        'X-Forwarded-For': '10.0.0.1',
        Accept: 'application/json',
        'Accept-Encoding': 'gzip',
        'User-Agent': 'Grafana/11.0.0',
        Host: 'promwall.example',
      },
    });

    const { headers } = upstream.received[0]!;
    expect(headers.authorization).toBe('Bearer configured-token');
    expect(headers['x-scope-orgid']).toBe('tenant-a');
    expect(headers.host).toBe(new URL(upstream.url).host);
    for (const name of ['cookie', 'proxy-authorization', 'x-hop', 'keep-alive', 'te', 'x-forwarded-for']) {
      expect(headers, name).not.toHaveProperty(name);
    }
    expect(headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'gzip',
      'user-agent': 'Grafana/11.0.0',
    });
    expect(JSON.stringify(headers)).not.toMatch(/abc|Y2xpZW50|cHJveHk|tenant-b/);
  });

  it('drops Set-Cookie, every Access-Control-* header, WWW-Authenticate and any other header of its own', async () => {
    const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up', {
      headers: { Origin: 'https://evil.example' },
    });

    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.headers['x-prometheus-api']).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('reuses one upstream connection for consecutive requests', async () => {
    await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');
    await send(proxy.port, 'GET', '/api/prom/api/v1/targets');
    await send(proxy.port, 'GET', '/api/prom/api/v1/status/buildinfo');

    expect(upstream.received).toHaveLength(3);
    expect(new Set(upstream.received.map((r) => r.remotePort)).size).toBe(1);
  });

  it('forwards a POST form body byte for byte with its length', async () => {
    const body = 'query=sum(rate(app_request_total%5B5m%5D))+by+(route)&time=1700000000&match%5B%5D=up';

    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', { headers: FORM, body });

    expect(res.status).toBe(200);
    expect(upstream.received[0]).toMatchObject({ method: 'POST', url: '/api/v1/query' });
    expect(upstream.received[0]!.body.toString()).toBe(body);
    expect(upstream.received[0]!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(upstream.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('forwards a chunked POST body with a Content-Length instead', async () => {
    const body = 'query=up&start=1&end=2&step=1';

    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query_range', { headers: FORM, body, chunked: true });

    expect(res.status).toBe(200);
    expect(upstream.received[0]!.body.toString()).toBe(body);
    expect(upstream.received[0]!.headers['content-length']).toBe(String(body.length));
    expect(upstream.received[0]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('forwards a POST sent with Expect: 100-continue, filtering its headers all the same', async () => {
    const body = `query=${'x'.repeat(900)}`;

    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', {
      headers: { ...FORM, Expect: '100-continue', Cookie: 'grafana_session=abc', Authorization: 'Basic Y2xpZW50' },
      body,
    });

    expect(res.status).toBe(200);
    expect(upstream.received[0]!.body.toString()).toBe(body);
    expect(upstream.received[0]!.headers).not.toHaveProperty('cookie');
    expect(upstream.received[0]!.headers).not.toHaveProperty('expect');
    expect(upstream.received[0]!.headers.authorization).toBe('Bearer configured-token');
  });

  it('forwards POST form parameters split between the URL and the body', async () => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/series?start=1', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: 'match[]=up&match[]=node_load1',
    });

    expect(res.status).toBe(200);
    expect(upstream.received[0]).toMatchObject({ url: '/api/v1/series?start=1' });
  });

  it('forwards a POST without a body, its parameters in the URL, as vmalert sends it', async () => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query?query=up&time=1700000000', {
      headers: { 'Content-Length': 0 },
    });

    expect(res.status).toBe(200);
    expect(upstream.received[0]).toMatchObject({ method: 'POST', url: '/api/v1/query?query=up&time=1700000000' });
    expect(upstream.received[0]!.body.length).toBe(0);
  });

  it('forwards label values requests for a U__-escaped UTF-8 label name', async () => {
    const res = await send(proxy.port, 'GET', '/api/prom/api/v1/label/U__my_2e_label/values');

    expect(res.status).toBe(200);
    expect(upstream.received[0]!.url).toBe('/api/v1/label/U__my_2e_label/values');
  });
});

describe('promProxy refusals', () => {
  let upstream: StandIn;
  let proxy: Proxy;

  beforeAll(async () => {
    upstream = await standIn(answersLikePrometheus);
    proxy = await startProxy({ url: upstream.url }, 1024);
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });
  afterEach(() => {
    const reached = upstream.received.splice(0);
    proxy.rejects.length = 0;
    // Nothing refused may reach the upstream.
    expect(reached).toEqual([]);
  });

  it.each([
    ['GET', '/api/prom/api/v1/admin/tsdb/snapshot'],
    ['POST', '/api/prom/api/v1/admin/tsdb/snapshot'],
    ['POST', '/api/prom/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['PUT', '/api/prom/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['POST', '/api/prom/api/v1/admin/tsdb/clean_tombstones'],
    ['POST', '/api/prom/api/v1/write'],
    ['POST', '/api/prom/api/v1/otlp/v1/metrics'],
    ['GET', '/api/prom/api/v1/status/config'],
    ['GET', '/api/prom/api/v1/status/flags'],
    ['GET', '/api/prom/api/v1/targets/metadata'],
    ['POST', '/api/prom/-/reload'],
    ['PUT', '/api/prom/-/quit'],
    ['GET', '/api/prom/api/v1/query/'],
    ['GET', '/api/prom/API/v1/query'],
    ['GET', '/api/prom//api/v1/query'],
    ['GET', '/api/prom/api/v1/../v1/admin/tsdb/snapshot'],
    ['GET', '/api/prom/api/v1/query/../../v1/admin/tsdb/snapshot'],
    ['POST', '/api/prom/api/v1/%2e%2e/v1/admin/tsdb/snapshot'],
    ['POST', '/api/prom/api/v1/admin%2ftsdb%2fsnapshot'],
    ['POST', '/api/prom/api/v1/%252e%252e/admin/tsdb/snapshot'],
    ['GET', '/api/prom/api/v1/%71uery?query=up'],
    ['GET', '/api/prom/api\\v1\\query'],
    ['GET', '/api/prom'],
    ['GET', '/api/prom/'],
  ])('answers %s %s with a 404 in Prometheus’s error shape, and forwards nothing', async (method, path) => {
    const res = await send(proxy.port, method, path);

    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ status: 'error', errorType: 'not_found', error: expect.any(String) });
    expect(proxy.rejects).toHaveLength(1);
  });

  it.each([
    ['PUT', '/api/prom/api/v1/query', 'GET, POST'],
    ['DELETE', '/api/prom/api/v1/series?match[]=up', 'GET, POST'],
    ['HEAD', '/api/prom/api/v1/query?query=up', 'GET, POST'],
    ['OPTIONS', '/api/prom/api/v1/query', 'GET, POST'],
    ['POST', '/api/prom/api/v1/targets', 'GET'],
    ['POST', '/api/prom/api/v1/label/job/values', 'GET'],
  ])('answers %s %s with a 405 that names the allowed methods', async (method, path, allow) => {
    const res = await send(proxy.port, method, path);

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    if (method !== 'HEAD')
      expect(res.json()).toEqual({ status: 'error', errorType: 'bad_data', error: expect.any(String) });
    expect(proxy.rejects).toEqual(['method']);
  });

  it('reports the reason of each refusal once', async () => {
    await send(proxy.port, 'GET', '/api/prom/api/v1/admin/tsdb/snapshot');
    await send(proxy.port, 'GET', '/api/prom/api/v1/%2e%2e/admin');
    await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=a&query=b');

    expect(proxy.rejects).toEqual(['path', 'encoding', 'duplicate_param']);
  });

  it.each([
    ['a repeated parameter', 'GET', '/api/prom/api/v1/query?query=up&query=down', undefined],
    ['a parameter in both URL and body', 'POST', '/api/prom/api/v1/query?query=up', 'query=down'],
    ['a parameter name with a digit', 'GET', '/api/prom/api/v1/query?query1=up', undefined],
    ['a malformed %-escape', 'GET', '/api/prom/api/v1/query?query=%zz', undefined],
    ['a ; separator', 'GET', '/api/prom/api/v1/query?query=up;time=1', undefined],
    ['a body with a bad %-escape', 'POST', '/api/prom/api/v1/query', 'query=%G1'],
  ])('answers %s with a JSON 400', async (_what, method, path, body) => {
    const res = await send(proxy.port, method, path, { headers: FORM, body });

    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ status: 'error', errorType: 'bad_data', error: expect.any(String) });
  });

  it('answers a form body that is not UTF-8 with a JSON 400', async () => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', {
      headers: FORM,
      body: Buffer.from([0x71, 0x3d, 0xc3, 0x28]),
    });

    expect(res.status).toBe(400);
    expect(proxy.rejects).toEqual(['bad_body']);
  });

  it('refuses a GET with a body, which would reach the upstream unframed', async () => {
    const smuggled = 'POST /api/v1/admin/tsdb/delete_series?match[]=up HTTP/1.1\r\nHost: x\r\n\r\n';

    const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up', { body: smuggled });
    const chunked = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up', {
      // Node's client frames a GET body only when told to.
      headers: { 'Transfer-Encoding': 'chunked' },
      body: smuggled,
      chunked: true,
    });

    expect([res.status, chunked.status]).toEqual([400, 400]);
    expect(proxy.rejects).toEqual(['body_not_allowed', 'body_not_allowed']);
  });

  it.each([
    ['JSON', { 'Content-Type': 'application/json' }],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
    ['a Latin-1 form', { 'Content-Type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' }],
    ['a gzipped form', { ...FORM, 'Content-Encoding': 'gzip' }],
  ])('answers a POST of %s with a JSON 415', async (_what, headers) => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', { headers, body: 'query=up' });

    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ status: 'error', errorType: 'bad_data', error: expect.any(String) });
    expect(proxy.rejects).toEqual(['media_type']);
  });

  it('answers a body declared larger than the limit with a JSON 413 before reading it', async () => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', {
      headers: FORM,
      body: `query=${'x'.repeat(2000)}`,
    });

    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ status: 'error', errorType: 'bad_data', error: expect.stringContaining('1024') });
    expect(proxy.rejects).toEqual(['body_too_large']);
  });

  it('answers a chunked body that grows past the limit with a JSON 413', async () => {
    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', {
      headers: FORM,
      body: `query=${'x'.repeat(2000)}`,
      chunked: true,
    });

    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(proxy.rejects).toEqual(['body_too_large']);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = `query=${'x'.repeat(1024 - 'query='.length)}`;

    const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', { headers: FORM, body, chunked: true });

    expect(res.status).toBe(200);
    expect(upstream.received.splice(0)[0]!.body.toString()).toBe(body);
  });

  it('keeps serving after a client that aborts mid-body, and forwards nothing of it', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: proxy.port,
        method: 'POST',
        path: '/api/prom/api/v1/query',
        headers: { ...FORM, 'Content-Length': 500 },
        agent: false,
      });
      req.on('error', () => resolve());
      req.write('query=up&time=', () => setTimeout(() => req.destroy(), 50));
    });
    await sleep(50);

    const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

    expect(res.status).toBe(200);
    expect(upstream.received.splice(0)).toHaveLength(1);
    expect(proxy.rejects).toEqual([]);
  });
});

describe('promProxy upstream failures', () => {
  it('answers 504 upstream_timeout when the upstream accepts and never answers', async () => {
    const silent = await standIn(() => {});
    const proxy = await startProxy({ url: silent.url, name: 'main-prometheus', timeoutMs: 300 });
    try {
      const started = Date.now();
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');
      const elapsed = Date.now() - started;

      expect(res.status).toBe(504);
      expect(res.json()).toEqual({
        status: 'error',
        errorType: 'timeout',
        error: 'main-prometheus did not answer within 300 ms',
      });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_000);
    } finally {
      await proxy.close();
      await silent.close();
    }
  });

  it('answers 504 for a POST as well, after forwarding its body', async () => {
    const silent = await standIn(() => {});
    const proxy = await startProxy({ url: silent.url, timeoutMs: 300 });
    try {
      const res = await send(proxy.port, 'POST', '/api/prom/api/v1/query', { headers: FORM, body: 'query=up' });

      expect(res.status).toBe(504);
      expect(silent.received[0]!.body.toString()).toBe('query=up');
    } finally {
      await proxy.close();
      await silent.close();
    }
  });

  it('answers 502 upstream_unreachable, naming the upstream but not its address, when nothing listens', async () => {
    const gone = await standIn(() => {});
    const { port } = new URL(gone.url);
    await gone.close();
    const proxy = await startProxy({ url: gone.url, name: 'main-prometheus' });
    try {
      const started = Date.now();
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(502);
      expect(res.json()).toEqual({
        status: 'error',
        errorType: 'unavailable',
        error: 'main-prometheus could not be reached (ECONNREFUSED)',
      });
      expect(res.text).not.toContain(port);
      expect(res.text).not.toContain('127.0.0.1');
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await proxy.close();
    }
  });

  it('answers 502 when the upstream resets the connection', async () => {
    const resetting = await standIn((req) => req.socket.resetAndDestroy());
    const proxy = await startProxy({ url: resetting.url });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(502);
      expect(res.json()).toMatchObject({ status: 'error', errorType: 'unavailable' });
    } finally {
      await proxy.close();
      await resetting.close();
    }
  });

  it('passes the upstream’s own errors through unchanged', async () => {
    const body = '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:3: parse error"}';
    const failing = await standIn((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(body);
    });
    const proxy = await startProxy({ url: failing.url });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up%7B');

      expect(res.status).toBe(400);
      expect(res.text).toBe(body);
    } finally {
      await proxy.close();
      await failing.close();
    }
  });

  it('cuts the client off, rather than leave it waiting, when the upstream stalls mid-body', async () => {
    const stalling = await standIn((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
      res.write('{"status":"success",');
    });
    const proxy = await startProxy({ url: stalling.url, timeoutMs: 300 });
    try {
      const started = Date.now();
      const outcome = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up').then(
        () => 'completed',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );

      expect(outcome).not.toBe('completed');
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await proxy.close();
      await stalling.close();
    }
  });

  it('ends the upstream request when the client goes away', async () => {
    const silent = await standIn(() => {});
    const proxy = await startProxy({ url: silent.url, timeoutMs: 10_000 });
    try {
      const req = http.request({
        host: '127.0.0.1',
        port: proxy.port,
        path: '/api/prom/api/v1/query?query=up',
        agent: false,
      });
      req.on('error', () => {});
      req.end();
      await expect.poll(() => silent.received.length).toBe(1);

      req.destroy();

      await expect.poll(() => silent.closed, { timeout: 1_000 }).toBe(1);
    } finally {
      await proxy.close();
      await silent.close();
    }
  });

  it('appends the configured path prefix to an upstream URL that has a path of its own', async () => {
    const upstream = await standIn(answersLikePrometheus);
    const proxy = await startProxy({ url: `${upstream.url}/base`, pathPrefix: '/select/0/prometheus' });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(200);
      expect(upstream.received[0]!.url).toBe('/base/select/0/prometheus/api/v1/query?query=up');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe('promProxy against a hostile upstream', () => {
  const hostileHeaders = {
    'Content-Security-Policy': "default-src * 'unsafe-inline'",
    'X-Frame-Options': 'ALLOWALL',
    'X-Content-Type-Options': 'sniff',
    'Referrer-Policy': 'unsafe-url',
    Location: 'https://evil.example/',
    Refresh: '0; url=https://evil.example/',
    Link: '<https://evil.example/x.js>; rel=preload',
    'Strict-Transport-Security': 'max-age=0',
  };

  async function against(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void, timeoutMs = 5_000) {
    const upstream = await standIn(answer);
    const proxy = await startProxy({ url: upstream.url, timeoutMs });
    return {
      proxy,
      close: async () => {
        await proxy.close();
        await upstream.close();
      },
    };
  }

  it('keeps Promwall’s own security headers and passes none of the upstream’s on a JSON answer', async () => {
    const { proxy, close } = await against((_req, res) => {
      res.writeHead(200, { ...hostileHeaders, 'Content-Type': 'application/json' }).end('{"status":"success"}');
    });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(200);
      expect(res.text).toBe('{"status":"success"}');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      for (const name of ['location', 'refresh', 'link', 'strict-transport-security']) {
        expect(res.headers, name).not.toHaveProperty(name);
      }
    } finally {
      await close();
    }
  });

  it.each([
    ['text/html', '<script>alert(document.domain)</script>'],
    ['application/javascript', 'alert(1)'],
    ['image/svg+xml', '<svg onload="alert(1)"/>'],
    [undefined, '{"status":"success"}'],
  ])('answers an upstream answer of type %s with a JSON 502', async (type, body) => {
    const { proxy, close } = await against((_req, res) => {
      res.writeHead(200, { ...hostileHeaders, ...(type ? { 'Content-Type': type } : {}) }).end(body);
    });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(502);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({
        status: 'error',
        errorType: 'unavailable',
        error: expect.stringContaining('content type'),
      });
      expect(res.text).not.toContain('alert');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self'/);
      expect(proxy.rejects).toEqual(['upstream_content_type']);
    } finally {
      await close();
    }
  });

  it('passes Prometheus’s plain-text answers, such as its own 404 page', async () => {
    const { proxy, close } = await against((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(404);
      expect(res.text).toBe('404 page not found\n');
    } finally {
      await close();
    }
  });

  it.each([301, 302, 303, 307, 308])('answers a %i redirect with a JSON 502 and no Location', async (status) => {
    const { proxy, close } = await against((_req, res) => {
      res.writeHead(status, { Location: 'https://evil.example/', 'Content-Type': 'application/json' }).end('{}');
    });
    try {
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(502);
      expect(res.headers.location).toBeUndefined();
      expect(res.json()).toEqual({
        status: 'error',
        errorType: 'unavailable',
        error: expect.stringContaining('redirect'),
      });
      expect(proxy.rejects).toEqual(['upstream_redirect']);
    } finally {
      await close();
    }
  });

  it('cuts an answer trickling a byte at a time at the timeout, whatever the socket’s activity', async () => {
    const { proxy, close } = await against((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    }, 1_000);
    try {
      const started = Date.now();
      const outcome = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up').then(
        () => 'completed',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );

      expect(outcome).not.toBe('completed');
      expect(Date.now() - started).toBeLessThan(1_800);
    } finally {
      await close();
    }
  });

  it('answers 504 at the timeout when the upstream trickles its headers', async () => {
    const { proxy, close } = await against((req) => {
      req.socket.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => req.socket.write('X-Slow: 1\r\n'), 100);
      req.socket.on('close', () => clearInterval(timer));
    }, 1_000);
    try {
      const started = Date.now();
      const res = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(res.status).toBe(504);
      expect(res.json()).toEqual({
        status: 'error',
        errorType: 'timeout',
        error: 'prometheus did not answer within 1000 ms',
      });
      expect(Date.now() - started).toBeLessThan(1_800);
    } finally {
      await close();
    }
  });

  it('holds queries past the cap on concurrent upstream queries, then answers 503 with Retry-After', async () => {
    const slow = await standIn((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), 400);
    });
    const proxy = await startProxy({ url: slow.url }, 1024, { concurrency: new ConcurrencyLimit(1, 200) });
    try {
      const [first, second, sharing] = await Promise.all([
        send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up'),
        send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up%20%3D%3D%201'),
        send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up%20%3D%3D%201'),
      ]);

      expect(first.status).toBe(200);
      for (const refused of [second, sharing]) {
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('1');
        expect(refused.json()).toEqual({
          status: 'error',
          errorType: 'unavailable',
          error: 'too many queries to prometheus at once; try again shortly',
        });
      }
      expect(slow.received).toHaveLength(1);
      expect(proxy.rejects).toEqual(['upstream_concurrency']);
    } finally {
      await proxy.close();
      await slow.close();
    }
  });
});

describe('promProxy collapsed forwarding', () => {
  /** Answers like Prometheus after a pause, so that concurrent requests overlap. */
  const slowly =
    (ms: number) =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      setTimeout(() => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Set-Cookie', 'session=upstream');
        res.end(JSON.stringify({ status: 'success', data: { url: req.url, n: upstreamCount } }));
      }, ms);
    };
  let upstreamCount = 0;
  let upstream: StandIn;

  beforeAll(async () => {
    upstream = await standIn((req, res) => {
      upstreamCount++;
      slowly(150)(req, res);
    });
  });
  afterAll(async () => {
    await upstream.close();
  });
  afterEach(() => {
    upstream.received.length = 0;
  });

  const times = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));

  it('shares one upstream request among identical concurrent requests, and each gets the full answer', async () => {
    const proxy = await startProxy({ url: upstream.url });
    try {
      const replies = await times(10, () => send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up&time=1700000000'));

      expect(upstream.received).toHaveLength(1);
      expect(proxy.collapsed).toBe(9);
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        expect(reply.text).toBe(replies[0]!.text);
        expect(reply.headers['content-type']).toBe('application/json');
        expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(reply.text)));
        expect(reply.headers['set-cookie']).toBeUndefined();
      }
    } finally {
      await proxy.close();
    }
  });

  it('keeps nothing once the flight has landed', async () => {
    const proxy = await startProxy({ url: upstream.url });
    try {
      const first = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');
      const second = await send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up');

      expect(upstream.received).toHaveLength(2);
      expect(second.text).not.toBe(first.text);
      expect(proxy.collapsed).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('collapses requests that differ only in parameter order and escapes', async () => {
    const proxy = await startProxy({ url: upstream.url });
    try {
      await Promise.all([
        send(proxy.port, 'GET', '/api/prom/api/v1/query?query=sum%20(up)&time=1'),
        send(proxy.port, 'GET', '/api/prom/api/v1/query?time=1&query=sum+(up)'),
      ]);

      expect(upstream.received).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['another explicit time', '/api/prom/api/v1/query?query=up&time=2', {}],
    ['no time', '/api/prom/api/v1/query?query=up', {}],
    ['another path', '/api/prom/api/v1/query_range?query=up&time=1', {}],
    ['another Accept-Encoding', '/api/prom/api/v1/query?query=up&time=1', { 'Accept-Encoding': 'gzip' }],
  ])('keeps a request with %s apart', async (_what, path, headers) => {
    const proxy = await startProxy({ url: upstream.url });
    try {
      await Promise.all([
        send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up&time=1'),
        send(proxy.port, 'GET', path, { headers }),
      ]);

      expect(upstream.received).toHaveLength(2);
      expect(proxy.collapsed).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('forwards every request on its own when collapsing is off', async () => {
    const proxy = await startProxy({ url: upstream.url }, 1024, { collapse: false });
    try {
      await times(5, () => send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up'));

      expect(upstream.received).toHaveLength(5);
    } finally {
      await proxy.close();
    }
  });

  it('still answers the others when the client whose request is in flight leaves', async () => {
    const proxy = await startProxy({ url: upstream.url });
    try {
      const leaving = http.request({
        host: '127.0.0.1',
        port: proxy.port,
        path: '/api/prom/api/v1/query?query=up',
        agent: false,
      });
      leaving.on('error', () => {});
      leaving.end();
      await expect.poll(() => upstream.received.length).toBe(1);
      const staying = times(3, () => send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up'));
      await expect.poll(() => proxy.collapsed).toBe(3);
      leaving.destroy();

      for (const reply of await staying) expect(reply.status).toBe(200);
      expect(upstream.received).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('gives every request of a flight the same timeout answer', async () => {
    const silent = await standIn(() => {});
    const proxy = await startProxy({ url: silent.url, timeoutMs: 300 });
    try {
      const replies = await times(4, () => send(proxy.port, 'GET', '/api/prom/api/v1/query?query=up'));

      expect(silent.received).toHaveLength(1);
      for (const reply of replies) {
        expect(reply.status).toBe(504);
        expect(reply.json()).toEqual({
          status: 'error',
          errorType: 'timeout',
          error: 'prometheus did not answer within 300 ms',
        });
      }
    } finally {
      await proxy.close();
      await silent.close();
    }
  });
});
