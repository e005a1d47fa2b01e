import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoDb, NewOrder, Order, QueryOptions } from './db.ts';
import type { Logger } from './log.ts';
import { createMetrics } from './metrics.ts';
import { createServer, matchRoute, parseOrder } from './server.ts';
import type { ServerDeps } from './server.ts';

/** Records the calls the routes make; no PostgreSQL involved. */
class FakeDb implements DemoDb {
  calls: Array<{ name: string; args: unknown[] }> = [];
  failWith: Error | undefined;
  connections = 7;

  private record(name: string, ...args: unknown[]): void {
    this.calls.push({ name, args });
    if (this.failWith) throw this.failWith;
  }

  async insertOrder(order: NewOrder, options?: QueryOptions): Promise<Order> {
    this.record('insertOrder', order, options);
    return { id: 1, ...order, createdAt: '2024-01-01T00:00:00.000Z' };
  }
  async recentOrders(limit: number, options?: QueryOptions): Promise<Order[]> {
    this.record('recentOrders', limit, options);
    return [];
  }
  async report(windowMinutes: number, options?: QueryOptions) {
    this.record('report', windowMinutes, options);
    return { windowMinutes, orders: 0, customers: 0, revenue: 0, averageAmount: 0, topCustomers: [] };
  }
  async hold(seconds: number) {
    this.record('hold', seconds);
    return { heldSeconds: seconds, recentOrders: 3 };
  }
  openConnections(): number {
    return this.connections;
  }
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(overrides: Partial<ServerDeps> = {}) {
  const db = new FakeDb();
  const metrics = createMetrics({ openConnections: () => db.openConnections(), defaultMetrics: false });
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, error: (m) => errors.push(m) };
  const server = createServer({ db, metrics, log, ...overrides });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request = async (path: string, init?: RequestInit) => {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };
  const post = (path: string, body: string) =>
    request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const scrape = async () => (await request('/metrics')).text;
  return { db, request, post, scrape, errors };
}

describe('createServer', () => {
  it('does not listen by itself', () => {
    const db = new FakeDb();
    const server = createServer({ db, metrics: createMetrics({ openConnections: () => 0, defaultMetrics: false }) });
    expect(server.listening).toBe(false);
  });

  it('answers /healthz according to readiness', async () => {
    let ready = false;
    const { request } = await start({ isReady: () => ready });
    const before = await request('/healthz');
    expect(before.status).toBe(503);
    ready = true;
    const after = await request('/healthz');
    expect(after.status).toBe(200);
    expect(after.json()).toEqual({ status: 'ok' });
    expect(after.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 404 for unknown paths and counts them as route "other"', async () => {
    const { request, scrape } = await start();
    const res = await request('/no/such/path?id=123');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'not found' });
    await request('/api/orders/42');
    const text = await scrape();
    expect(text).toContain('app_request_total{method="GET",route="other",status="404"} 2');
    expect(text).not.toContain('/no/such/path');
    expect(text).not.toContain('/api/orders/42');
  });

  it('answers 405 with an Allow header for a wrong method on a known route', async () => {
    const { request } = await start();
    const res = await request('/api/report', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('serves Prometheus text with the app metrics', async () => {
    const { request } = await start();
    await request('/api/orders');
    const res = await request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      '# TYPE app_request_total counter',
      '# TYPE app_request_duration_seconds histogram',
      '# TYPE app_active_users gauge',
      '# TYPE app_db_connections gauge',
      '# TYPE response_time_summary summary',
      'response_time_summary{quantile="0.5"}',
      'response_time_summary{quantile="0.9"}',
      'response_time_summary{quantile="0.99"}',
      'app_request_duration_seconds_bucket{le="0.5",method="GET",route="/api/orders"} 1',
      'app_request_total{method="GET",route="/api/orders",status="200"} 1',
      'app_db_connections 7',
    ]) {
      expect(res.text).toContain(name);
    }
  });

  it('reads app_db_connections at scrape time', async () => {
    const { db, scrape } = await start();
    expect(await scrape()).toContain('app_db_connections 7');
    db.connections = 42;
    expect(await scrape()).toContain('app_db_connections 42');
  });

  it('counts distinct users from the x-user-id header', async () => {
    const { request, scrape } = await start();
    for (const user of ['alice', 'bob', 'alice', 'not valid!']) {
      await request('/api/orders', { headers: { 'x-user-id': user } });
    }
    expect(await scrape()).toContain('app_active_users 2');
  });

  it('creates an order from a valid body', async () => {
    const { post, db } = await start();
    const res = await post('/api/orders', JSON.stringify({ customer: ' carol ', amount: 12.345 }));
    expect(res.status).toBe(201);
    expect(res.json().order).toMatchObject({ id: 1, customer: 'carol', amount: 12.35 });
    expect(db.calls).toEqual([{ name: 'insertOrder', args: [{ customer: 'carol', amount: 12.35 }, {}] }]);
  });

  it.each([
    ['not json', '{'],
    ['empty body', ''],
    ['an array', '[1,2]'],
    ['missing customer', '{"amount": 3}'],
    ['empty customer', '{"customer": "  ", "amount": 3}'],
    ['negative amount', '{"customer": "x", "amount": -1}'],
    ['zero amount', '{"customer": "x", "amount": 0}'],
    ['string amount', '{"customer": "x", "amount": "3"}'],
    ['huge amount', '{"customer": "x", "amount": 1e12}'],
  ])('answers 400 to %s without touching the database', async (_label, body) => {
    const { post, db, request } = await start();
    const res = await post('/api/orders', body);
    expect(res.status).toBe(400);
    expect(typeof res.json().error).toBe('string');
    expect(db.calls).toEqual([]);
    // The server is still alive.
    expect((await request('/healthz')).status).toBe(200);
  });

  it('answers 413 to an oversized body', async () => {
    const { post } = await start();
    const res = await post('/api/orders', JSON.stringify({ customer: 'x', amount: 1, pad: 'y'.repeat(20_000) }));
    expect(res.status).toBe(413);
  });

  it('validates the query parameters', async () => {
    const { request, db } = await start();
    expect((await request('/api/orders?limit=0')).status).toBe(400);
    expect((await request('/api/orders?limit=abc')).status).toBe(400);
    expect((await request('/api/orders?limit=101')).status).toBe(400);
    expect((await request('/api/report?minutes=-5')).status).toBe(400);
    expect((await request('/api/hold?seconds=11')).status).toBe(400);
    expect((await request('/api/hold?seconds=NaN')).status).toBe(400);
    expect(db.calls).toEqual([]);

    expect((await request('/api/orders?limit=5')).status).toBe(200);
    expect((await request('/api/orders')).status).toBe(200);
    expect((await request('/api/report?minutes=60')).status).toBe(200);
    expect((await request('/api/hold?seconds=0.25')).json()).toEqual({ heldSeconds: 0.25, recentOrders: 3 });
    expect(db.calls.map((c) => [c.name, c.args[0]])).toEqual([
      ['recentOrders', 5],
      ['recentOrders', 20],
      ['report', 60],
      ['hold', 0.25],
    ]);
  });

  it('passes the injected delay to API queries only', async () => {
    const { request, db } = await start({ extraDelaySeconds: () => 0.7 });
    await request('/api/report');
    await request('/api/hold?seconds=1');
    await request('/healthz');
    expect(db.calls).toEqual([
      { name: 'report', args: [15, { delaySeconds: 0.7 }] },
      { name: 'hold', args: [1] },
    ]);
  });

  it('answers 503 when the database fails, logs it, and keeps serving', async () => {
    const { request, db, errors, scrape } = await start();
    db.failWith = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const res = await request('/api/orders');
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ error: 'database unavailable' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('ECONNREFUSED');
    expect(await scrape()).toContain('app_request_total{method="GET",route="/api/orders",status="503"} 1');
  });
});

describe('matchRoute', () => {
  it('maps only exact route patterns', () => {
    expect(matchRoute('/api/orders')).toBe('/api/orders');
    expect(matchRoute('/api/orders/')).toBe('other');
    expect(matchRoute('/API/ORDERS')).toBe('other');
    expect(matchRoute(undefined)).toBe('other');
  });
});

describe('parseOrder', () => {
  it('rounds the amount to cents and trims the customer', () => {
    expect(parseOrder({ customer: ' d ', amount: 1.005 + 1 })).toEqual({ customer: 'd', amount: 2.01 });
  });

  it('rejects amounts that round to zero', () => {
    expect(() => parseOrder({ customer: 'd', amount: 0.001 })).toThrow(/amount/);
  });
});
