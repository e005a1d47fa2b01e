import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Socket } from 'node:net';
import { Router, type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { UpstreamConfig } from '../config.ts';
import { ApiError, toErrorBody } from '../http/errors.ts';
import type { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { decideRoute, type RouteRefusalReason } from './allowlist.ts';
import { decodeUtf8, isPlainForm, readBody } from './formBody.ts';
import { checkParams, type ParamRefusalReason } from './params.ts';
import { decideUpstreamAnswer, type UpstreamAnswerRefusal } from './upstreamAnswer.ts';

export interface PromProxyOptions {
  upstream: UpstreamConfig;
  /** POST form bodies larger than this are answered 413. */
  maxBodyBytes: number;
  /** The cap on queries to the upstreams at once, shared with Promwall's own queries. */
  concurrency: ConcurrencyLimit;
  /** Called once per refused request with a short label, for Promwall's own metrics. */
  onReject?: (reason: ProxyRefusalReason) => void;
}

export type ProxyRefusalReason =
  | RouteRefusalReason
  | ParamRefusalReason
  | UpstreamAnswerRefusal
  | 'body_not_allowed'
  | 'media_type'
  | 'body_too_large'
  | 'bad_body'
  | 'upstream_concurrency';

/**
 * Only these inbound headers reach the upstream. An allowlist rather than a denylist, so that
 * cookies, credentials, hop-by-hop headers and tenant headers such as X-Scope-OrgID never pass:
 * the upstream sees Promwall's configured identity, not the client's.
 */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-encoding',
  'accept-language',
  'content-type',
  'user-agent',
  'traceparent',
  'tracestate',
];

interface Forwarding {
  /** Upstream path and query string. */
  url: string;
  /** The form body as read, forwarded byte for byte. */
  body: Buffer | undefined;
}

/**
 * The read-only pass-through of the Prometheus HTTP API, for promtool, Grafana and scripts.
 * Mount it before any body parser: it reads POST form bodies itself, to check and forward them.
 */
export function promProxy({ upstream, maxBodyBytes, concurrency, onReject }: PromProxyOptions): Router {
  const forwarding = new WeakMap<IncomingMessage, Forwarding>();
  const timedOut = new WeakSet<IncomingMessage>();
  /** Requests already answered (or cut) by Promwall: http-proxy's later error is no news. */
  const settled = new WeakSet<IncomingMessage>();
  const upstreamRequests = new WeakMap<IncomingMessage, http.ClientRequest>();
  const timeoutBody = () =>
    toErrorBody('upstream_timeout', `${upstream.name} did not answer within ${upstream.timeoutMs} ms`);

  const refuse = (reason: ProxyRefusalReason, status: number, code: string, message: string, retryAfter?: number) => {
    onReject?.(reason);
    return new ApiError(status, code, message, retryAfter);
  };

  const proxy = createProxyMiddleware<Request, Response>({
    target: upstream.url,
    changeOrigin: true,
    agent: keepAliveAgent(upstream),
    headers: upstream.headers,
    proxyTimeout: upstream.timeoutMs,
    pathRewrite: (_path, req) => forwarding.get(req)?.url,
    on: {
      proxyReq: (proxyReq, req, res) => {
        upstreamRequests.set(req, proxyReq);
        // http-proxy aborts the request on this event; the error that follows is then a timeout.
        proxyReq.once('timeout', () => timedOut.add(req));
        // A client that leaves ends the upstream request rather than letting it run to the timeout.
        res.once('close', () => {
          if (!res.writableFinished) proxyReq.destroy();
        });
        const body = forwarding.get(req)?.body;
        if (body) proxyReq.write(body);
      },
      proxyRes: (proxyRes, req, res) => {
        const decision = decideUpstreamAnswer(upstream.name, proxyRes.statusCode ?? 0, proxyRes.headers);
        if (!decision.pass) {
          // Answered here, http-proxy neither copies the upstream's headers nor pipes its body.
          onReject?.(decision.reason);
          settled.add(req);
          proxyRes.destroy();
          res.status(502).json(toErrorBody('upstream_failed', decision.message));
          return;
        }
        proxyRes.headers = decision.headers;
        // An upstream that stops mid-body must not leave the client waiting for the rest.
        proxyRes.once('close', () => {
          if (!proxyRes.complete) res.destroy();
        });
      },
      error: (error, req, res) => {
        if (settled.has(req)) return;
        if (res instanceof Socket || res.headersSent) {
          res.destroy();
          return;
        }
        if (timedOut.has(req)) {
          res.status(504).json(timeoutBody());
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        const detail = code && /^E[A-Z_]+$/.test(code) ? ` (${code})` : '';
        res.status(502).json(toErrorBody('upstream_unreachable', `${upstream.name} could not be reached${detail}`));
      },
    },
  });

  const router = Router();
  router.use(async (req, res, next) => {
    const queryStart = req.originalUrl.indexOf('?');
    const rawPath = queryStart === -1 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
    const query = queryStart === -1 ? '' : req.originalUrl.slice(queryStart + 1);
    // originalUrl, not req.path: Express has already decoded and normalised the latter.
    const below = rawPath.startsWith(`${req.baseUrl}/`) ? rawPath.slice(req.baseUrl.length) : '';

    const route = decideRoute(req.method, below);
    if (!route.allowed) {
      if (route.status === 405) {
        res.setHeader('Allow', route.allow.join(', '));
        throw refuse(route.reason, 405, 'method_not_allowed', `${route.allow.join(' or ')} only on this path`);
      }
      throw refuse(route.reason, 404, 'not_found', 'Not a read-only Prometheus API path');
    }

    let body: Buffer | undefined;
    let form: string | undefined;
    if (req.method === 'POST') {
      if (!isPlainForm(req.headers['content-type'], req.headers['content-encoding'])) {
        throw refuse(
          'media_type',
          415,
          'unsupported_media_type',
          'POST bodies must be application/x-www-form-urlencoded, in UTF-8, uncompressed',
        );
      }
      const read = await readBody(req, maxBodyBytes);
      if (!read.ok && read.reason === 'aborted') return;
      if (!read.ok) {
        // The rest of the body is never read, so the connection cannot carry another request.
        res.setHeader('Connection', 'close');
        throw refuse('body_too_large', 413, 'payload_too_large', `The form body is larger than ${maxBodyBytes} bytes`);
      }
      form = decodeUtf8(read.body);
      if (form === undefined) throw refuse('bad_body', 400, 'bad_request', 'The form body is not UTF-8');
      body = read.body;
    } else if (hasBody(req)) {
      // Forwarded unframed, a GET body would reach the upstream as the start of another request.
      throw refuse('body_not_allowed', 400, 'bad_request', 'A GET request carries no body');
    }

    const problem = checkParams({ query, form });
    if (problem) throw refuse(problem.reason, 400, 'bad_request', problem.message);

    forwarding.set(req, { url: `${upstream.pathPrefix}${route.path}${query ? `?${query}` : ''}`, body });
    // http-proxy copies req.headers to the upstream request, and skips on.proxyReq altogether
    // when an Expect header is present, so the headers are filtered here, before it runs.
    req.headers = forwardedHeaders(req.headers, body);

    const release = await concurrency.acquire();
    if (!release) {
      throw refuse(
        'upstream_concurrency',
        503,
        'overloaded',
        `too many queries to ${upstream.name} at once; try again shortly`,
        concurrency.retryAfterSeconds,
      );
    }
    // proxyTimeout is the socket's idle time: an upstream that trickles a byte at a time never
    // trips it. This is the deadline of the whole exchange.
    const deadline = setTimeout(() => {
      settled.add(req);
      upstreamRequests.get(req)?.destroy();
      if (res.headersSent) res.destroy();
      else res.status(504).json(timeoutBody());
    }, upstream.timeoutMs);
    res.once('close', () => {
      clearTimeout(deadline);
      release();
    });
    await proxy(req, res, next);
  });
  return router;
}

function forwardedHeaders(inbound: IncomingHttpHeaders, body: Buffer | undefined): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = inbound[name];
    if (value !== undefined) headers[name] = value;
  }
  if (body) headers['content-length'] = String(body.length);
  return headers;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * One pooled connection set per upstream. The socket timeout also bounds the TCP connect
 * (proxyTimeout only starts once connected) and closes idle pooled sockets.
 */
function keepAliveAgent(upstream: UpstreamConfig): http.Agent {
  const options = { keepAlive: true, timeout: upstream.timeoutMs };
  return new URL(upstream.url).protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}
