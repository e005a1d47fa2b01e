// The demo's HTTP server: health, metrics and a few API routes backed by PostgreSQL. Every
// request, whoever sends it, passes the same instrumentation. createServer does not listen.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoDb, NewOrder, QueryOptions } from './db.ts';
import type { DemoMetrics } from './metrics.ts';
import type { Logger } from './log.ts';
import { ThrottledLog, describeError } from './log.ts';

export interface ServerDeps {
  db: DemoDb;
  metrics: DemoMetrics;
  /** True once the database was reached and the schema exists (and until shutdown starts). */
  isReady?: () => boolean;
  /** Extra database latency to inject into the API queries right now, in seconds. */
  extraDelaySeconds?: () => number;
  log?: Logger;
  now?: () => number;
}

/** Route patterns used as the `route` label; anything else is counted as OTHER_ROUTE. */
export const ROUTES = ['/healthz', '/metrics', '/api/orders', '/api/report', '/api/hold'] as const;
export type Route = (typeof ROUTES)[number];
export const OTHER_ROUTE = 'other';
export const USER_HEADER = 'x-user-id';

export const MAX_BODY_BYTES = 16 * 1024;
export const ORDER_LIMITS = { customerMaxLength: 64, maxAmount: 1_000_000 } as const;
export const LIST_LIMIT = { min: 1, max: 100, fallback: 20 } as const;
export const REPORT_MINUTES = { min: 1, max: 1_440, fallback: 15 } as const;
export const HOLD_SECONDS = { min: 0, max: 10, fallback: 0.2 } as const;

const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

interface Reply {
  status: number;
  body: unknown;
  /** Set for non-JSON bodies (the metrics exposition). */
  contentType?: string;
  headers?: Record<string, string>;
}

interface Context {
  req: IncomingMessage;
  url: URL;
  delay: QueryOptions;
}

type Handler = (ctx: Context) => Promise<Reply>;

/** A client error: answered with 400 and its message. */
class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function createServer(deps: ServerDeps): http.Server {
  const isReady = deps.isReady ?? (() => true);
  const extraDelay = deps.extraDelaySeconds ?? (() => 0);
  const now = deps.now ?? Date.now;
  const dbFailures = deps.log ? new ThrottledLog(deps.log, 10_000) : undefined;
  const { db, metrics } = deps;

  const handlers: Record<Route, Partial<Record<string, Handler>>> = {
    '/healthz': {
      GET: async () =>
        isReady() ? { status: 200, body: { status: 'ok' } } : { status: 503, body: { status: 'unavailable' } },
    },
    '/metrics': {
      GET: async () => ({
        status: 200,
        body: await metrics.registry.metrics(),
        contentType: metrics.registry.contentType,
      }),
    },
    '/api/orders': {
      GET: async ({ url, delay }) => {
        const limit = integerParam(url, 'limit', LIST_LIMIT);
        return { status: 200, body: { orders: await db.recentOrders(limit, delay) } };
      },
      POST: async ({ req, delay }) => {
        const order = parseOrder(await readJson(req));
        return { status: 201, body: { order: await db.insertOrder(order, delay) } };
      },
    },
    '/api/report': {
      GET: async ({ url, delay }) => {
        const minutes = integerParam(url, 'minutes', REPORT_MINUTES);
        return { status: 200, body: { report: await db.report(minutes, delay) } };
      },
    },
    '/api/hold': {
      GET: async ({ url }) => {
        const seconds = numberParam(url, 'seconds', HOLD_SECONDS);
        return { status: 200, body: await db.hold(seconds) };
      },
    },
  };

  async function handle(req: IncomingMessage, url: URL | undefined, route: Route | typeof OTHER_ROUTE): Promise<Reply> {
    if (!url || route === OTHER_ROUTE) return { status: 404, body: { error: 'not found' } };
    const methods = handlers[route];
    const handler = methods[req.method ?? ''];
    if (!handler) {
      const allow = Object.keys(methods).join(', ');
      return { status: 405, body: { error: `method not allowed (allowed: ${allow})` }, headers: { allow } };
    }
    const delaySeconds = route.startsWith('/api/') ? Math.max(0, extraDelay()) : 0;
    try {
      return await handler({ req, url, delay: delaySeconds > 0 ? { delaySeconds } : {} });
    } catch (error) {
      if (error instanceof BadRequest) return { status: error.status, body: { error: error.message } };
      if (route.startsWith('/api/')) {
        dbFailures?.error(`${req.method} ${route} failed: ${describeError(error)}`);
        return { status: 503, body: { error: 'database unavailable' } };
      }
      deps.log?.error(`${req.method} ${route} failed: ${describeError(error)}`);
      return { status: 500, body: { error: 'internal error' } };
    }
  }

  return http.createServer((req, res) => {
    const started = performance.now();
    const url = parseUrl(req.url);
    const route = matchRoute(url?.pathname);

    res.on('close', () => {
      metrics.observeRequest({
        method: req.method ?? '',
        route,
        // 499: the client went away before the response was complete.
        status: res.writableFinished ? res.statusCode : 499,
        durationSeconds: (performance.now() - started) / 1000,
      });
    });
    const userId = req.headers[USER_HEADER];
    if (typeof userId === 'string' && USER_ID.test(userId)) metrics.activeUsers.seen(userId, now());

    handle(req, url, route).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        deps.log?.error(`unexpected failure on ${req.method} ${route}: ${describeError(error)}`);
        send(res, { status: 500, body: { error: 'internal error' } });
      },
    );
  });
}

export function matchRoute(pathname: string | undefined): Route | typeof OTHER_ROUTE {
  return (ROUTES as readonly string[]).includes(pathname ?? '') ? (pathname as Route) : OTHER_ROUTE;
}

function parseUrl(raw: string | undefined): URL | undefined {
  if (!raw?.startsWith('/')) return undefined;
  try {
    return new URL(raw, 'http://localhost');
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const text = reply.contentType !== undefined ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...reply.headers,
  });
  res.end(text);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BadRequest(`body larger than ${MAX_BODY_BYTES} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) reject(new BadRequest(`could not read body: ${error.message}`));
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new BadRequest('body must be a JSON object'));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BadRequest('body is not valid JSON'));
      }
    });
  });
}

/** Validates a POST /api/orders body: {"customer": string, "amount": number > 0}. */
export function parseOrder(body: unknown): NewOrder {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequest('body must be a JSON object');
  }
  const { customer, amount } = body as Record<string, unknown>;
  if (typeof customer !== 'string' || customer.trim() === '' || customer.length > ORDER_LIMITS.customerMaxLength) {
    throw new BadRequest(`customer must be a non-empty string of at most ${ORDER_LIMITS.customerMaxLength} characters`);
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > ORDER_LIMITS.maxAmount) {
    throw new BadRequest(`amount must be a number greater than 0 and at most ${ORDER_LIMITS.maxAmount}`);
  }
  const rounded = Math.round(amount * 100) / 100;
  if (rounded <= 0) throw new BadRequest('amount must be at least 0.01');
  return { customer: customer.trim(), amount: rounded };
}

interface Range {
  min: number;
  max: number;
  fallback: number;
}

function integerParam(url: URL, name: string, range: Range): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return range.fallback;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new BadRequest(`${name} must be an integer between ${range.min} and ${range.max}`);
  }
  return value;
}

function numberParam(url: URL, name: string, range: Range): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return range.fallback;
  const value = /^[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new BadRequest(`${name} must be a number between ${range.min} and ${range.max}`);
  }
  return value;
}
