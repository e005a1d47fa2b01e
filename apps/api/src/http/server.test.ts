import { Socket, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';
import { createHttpServer, type PromwallServer } from './server.ts';

const defaults: ServerConfig = {
  allowedHosts: undefined,
  trustProxy: false,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 900,
  maxConnectionsPerClient: 512,
  shutdownTimeoutMs: 10_000,
};

const running: PromwallServer[] = [];
afterEach(() => {
  for (const { server } of running.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function start(options: Partial<ServerConfig> = {}, app = express()) {
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  app.get('/slow', (_req, res) => void setTimeout(() => res.json({ slow: true }), 500));
  const metrics = createMetrics();
  const promwall = createHttpServer(app, { ...defaults, ...options }, metrics);
  running.push(promwall);
  await new Promise<void>((resolve) => promwall.server.listen(0, '127.0.0.1', resolve));
  return { ...promwall, metrics, port: (promwall.server.address() as AddressInfo).port };
}

/** A raw connection, optionally from another loopback address. */
function connect(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.on('error', () => {});
    socket.connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function answerOf(socket: Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
    socket.write(request);
  });
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', resolve)));

describe('createHttpServer', () => {
  it('answers a malformed request with a JSON 400', async () => {
    const { port } = await start();
    const answer = await answerOf(await connect(port), 'GET /ok HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/Content-Type: application\/json/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: 'malformed HTTP request' },
    });
  });

  it('answers a 100 KB request target with a JSON 431', async () => {
    const { port } = await start();
    const answer = await answerOf(await connect(port), `GET /ok?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: a\r\n\r\n`);

    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('"code":"headers_too_large"');
  });

  it('cuts off slowloris clients at the headers timeout', async () => {
    const { port, metrics } = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(port)));
    const drip = setInterval(() => sockets.forEach((socket) => socket.writable && socket.write('X-a: b\r\n')), 100);
    for (const socket of sockets) socket.write('GET /ok HTTP/1.1\r\nHost: a\r\n');
    const started = Date.now();
    try {
      await Promise.all(sockets.map(closed));
    } finally {
      clearInterval(drip);
    }

    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await metrics.registry.getSingleMetricAsString('promwall_rejected_requests_total')).toMatch(
      /reason="request_timeout"} 20/,
    );
  });

  it('caps connections per client address, leaving room for other clients', async () => {
    const { port, metrics, server } = await start({ maxConnectionsPerClient: 5 });
    const hog = await Promise.all(Array.from({ length: 8 }, () => connect(port)));
    await sleep(100);

    expect(hog.filter((socket) => socket.closed || socket.destroyed)).toHaveLength(3);
    const other = await answerOf(
      await connect(port, '127.0.0.2'),
      'GET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    );
    expect(other).toMatch(/^HTTP\/1\.1 200 /);
    expect(await new Promise((resolve) => server.getConnections((_e, count) => resolve(count)))).toBe(5);
    expect(await metrics.registry.getSingleMetricAsString('promwall_rejected_requests_total')).toMatch(
      /reason="client_connections"} 3/,
    );
    hog.forEach((socket) => socket.destroy());
  });

  it('on shutdown, stops accepting, finishes the requests in progress and closes keep-alive connections', async () => {
    const { port, shutDown } = await start();
    const idle = await connect(port);
    await new Promise<void>((resolve) => {
      idle.once('data', () => resolve());
      idle.write('GET /ok HTTP/1.1\r\nHost: a\r\n\r\n');
    });
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await sleep(100);

    const outcome = shutDown(5_000);

    await closed(idle);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await outcome).toBe('drained');
    await expect(connect(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cuts off what is still open at the shutdown deadline', async () => {
    const app = express();
    app.get('/never', () => {});
    const { port, shutDown } = await start({}, app);
    const hanging = fetch(`http://127.0.0.1:${port}/never`).catch(() => 'cut');
    await sleep(100);

    const started = Date.now();
    expect(await shutDown(300)).toBe('forced');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await hanging).toBe('cut');
  });
});
