import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { Socket } from 'node:net';
import { Router, type Request, type Response } from 'express';
import { createProxyMiddleware, type Plugin } from 'http-proxy-middleware';
import type { UpstreamConfig } from '../config.ts';
import { ApiError, prometheusErrorShape, toPrometheusErrorBody } from '../http/errors.ts';
import type { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { decideRoute, type RouteRefusalReason } from './allowlist.ts';
import { decodeUtf8, isPlainForm, readBody } from './formBody.ts';
import { canonicalParams, checkParams, type ParamRefusalReason } from './params.ts';
import { decideUpstreamAnswer, type UpstreamAnswerRefusal } from './upstreamAnswer.ts';

export interface PromProxyOptions {
  upstream: UpstreamConfig;
  /** POST form bodies larger than this are answered 413. */
  maxBodyBytes: number;
  /** The cap on queries to the upstreams at once, shared with Promwall's own queries. */
  concurrency: ConcurrencyLimit;
  /** Identical concurrent requests share one upstream request (collapsed forwarding); on unless false. */
  collapse?: boolean;
  /** Called once per refused request with a short label, for Promwall's own metrics. */
  onReject?: (reason: ProxyRefusalReason) => void;
  /** Called once per request answered from an identical request's flight. */
  onCollapse?: () => void;
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

/** How the upstream framed its answer: a follower's answer is framed anew, with its own length. */
const FRAMING_HEADER = /^(connection|transfer-encoding|content-length)$/;

/** Answers made by the pass-through itself, never by the upstream, sent to a flight's followers too. */
type Outcome = { status: number; headers: [string, string | string[]][]; body: Buffer } | 'cut off';

/**
 * One upstream request that identical concurrent requests share. It takes followers until the
 * upstream's answer starts, and is forgotten once that answer has reached them.
 */
interface Flight {
  key: string;
  followers: ServerResponse[];
}

interface Forwarding {
  /** Upstream path and query string. */
  url: string;
  /** The form body as read, forwarded byte for byte. */
  body: Buffer | undefined;
  flight: Flight | undefined;
}

/**
 * The read-only pass-through of the Prometheus HTTP API, for promtool, Grafana and scripts.
 * Mount it before any body parser: it reads POST form bodies itself, to check and forward them.
 * Its own answers (refusals, upstream failures) take Prometheus's error shape, which those
 * clients parse; the upstream's answers pass as they are.
 */
export function promProxy({
  upstream,
  maxBodyBytes,
  concurrency,
  collapse = true,
  onReject,
  onCollapse,
}: PromProxyOptions): Router {
  const forwarding = new WeakMap<IncomingMessage, Forwarding>();
  const timedOut = new WeakSet<IncomingMessage>();
  /** Requests already answered (or cut) by Promwall: http-proxy's later error is no news. */
  const settled = new WeakSet<IncomingMessage>();
  const upstreamRequests = new WeakMap<IncomingMessage, http.ClientRequest>();
  const exchangeEnds = new WeakMap<IncomingMessage, () => void>();
  const flights = new Map<string, Flight>();

  const refuse = (reason: ProxyRefusalReason, status: number, code: string, message: string, retryAfter?: number) => {
    onReject?.(reason);
    return new ApiError(status, code, message, retryAfter);
  };

  /** No more followers once the answer starts: a late one would miss its first bytes. */
  const land = (flight: Flight | undefined) => {
    if (flight && flights.get(flight.key) === flight) flights.delete(flight.key);
  };

  const failure = (status: number, message: string, extraHeaders: [string, string][] = []): Outcome => ({
    status,
    headers: [['content-type', 'application/json; charset=utf-8'], ...extraHeaders],
    body: Buffer.from(JSON.stringify(toPrometheusErrorBody(status, message))),
  });
  const timeout = () => failure(504, `${upstream.name} did not answer within ${upstream.timeoutMs} ms`);

  /** Promwall's own answer to a flight: its leader and every follower get it. */
  const settle = (req: IncomingMessage, res: ServerResponse, outcome: Outcome) => {
    settled.add(req);
    const flight = forwarding.get(req)?.flight;
    land(flight);
    answer(res, outcome);
    for (const follower of flight?.followers ?? []) answer(follower, outcome);
  };

  // http-proxy-middleware's default plugins log and re-parse every exchange; these handlers are
  // all the pass-through needs.
  const handlers: Plugin<Request, Response> = (proxyServer) => {
    proxyServer.on('proxyReq', (proxyReq, req, res) => {
      upstreamRequests.set(req, proxyReq);
      proxyReq.once('close', () => exchangeEnds.get(req)?.());
      // http-proxy aborts the request on this event; the error that follows is then a timeout.
      proxyReq.once('timeout', () => timedOut.add(req));
      const { body, flight } = forwarding.get(req) ?? {};
      // A client that leaves ends the upstream request rather than letting it run to the timeout,
      // unless others wait for the same answer.
      res.once('close', () => {
        if (!res.writableFinished && !flight?.followers.some((follower) => !follower.destroyed)) proxyReq.destroy();
      });
      if (body) proxyReq.write(body);
    });
    proxyServer.on('proxyRes', (proxyRes, req, res) => {
      const decision = decideUpstreamAnswer(upstream.name, proxyRes.statusCode ?? 0, proxyRes.headers);
      if (!decision.pass) {
        // Answered here, http-proxy neither copies the upstream's headers nor pipes its body.
        onReject?.(decision.reason);
        proxyRes.destroy();
        settle(req, res, failure(502, decision.message));
        return;
      }
      proxyRes.headers = decision.headers;
      const flight = forwarding.get(req)?.flight;
      land(flight);
      const followers = flight?.followers ?? [];
      // An upstream that stops mid-body must not leave the client waiting for the rest.
      proxyRes.once('close', () => {
        if (proxyRes.complete) return;
        res.destroy();
        for (const follower of followers) answer(follower, 'cut off');
      });
      if (followers.length === 0) return;
      const chunks: Buffer[] = [];
      proxyRes.on('data', (chunk: Buffer) => chunks.push(chunk));
      proxyRes.once('end', () => {
        const outcome: Outcome = {
          status: proxyRes.statusCode ?? 502,
          headers: Object.entries(proxyRes.headers).filter(
            (entry): entry is [string, string | string[]] => entry[1] !== undefined && !FRAMING_HEADER.test(entry[0]),
          ),
          body: Buffer.concat(chunks),
        };
        for (const follower of followers) answer(follower, outcome);
      });
    });
    proxyServer.on('error', (error, req, res) => {
      if (settled.has(req)) return;
      const flight = forwarding.get(req)?.flight;
      land(flight);
      let outcome: Outcome;
      if (res instanceof Socket || res.headersSent) {
        outcome = 'cut off';
        res.destroy();
      } else if (timedOut.has(req)) {
        outcome = timeout();
      } else {
        const code = (error as NodeJS.ErrnoException).code;
        const detail = code && /^E[A-Z_]+$/.test(code) ? ` (${code})` : '';
        outcome = failure(502, `${upstream.name} could not be reached${detail}`);
      }
      if (!(res instanceof Socket)) answer(res, outcome);
      for (const follower of flight?.followers ?? []) answer(follower, outcome);
    });
    // The client that started the flight broke off its request, and http-proxy ended the upstream
    // request with it: nobody may join a flight that will not land, and whoever joined is told.
    proxyServer.on('econnreset', (_error, req) => {
      if (settled.has(req)) return;
      const flight = forwarding.get(req)?.flight;
      land(flight);
      const outcome = failure(502, `the identical request this one shared with was cut off; try again`);
      for (const follower of flight?.followers ?? []) answer(follower, outcome);
    });
  };

  const proxy = createProxyMiddleware<Request, Response>({
    target: upstream.url,
    changeOrigin: true,
    agent: keepAliveAgent(upstream),
    headers: upstream.headers,
    secure: upstream.tls?.rejectUnauthorized ?? true,
    proxyTimeout: upstream.timeoutMs,
    pathRewrite: (_path, req) => forwarding.get(req)?.url,
    ejectPlugins: true,
    plugins: [handlers],
  });

  const router = Router();
  router.use(prometheusErrorShape);
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
    // A POST without a body carries its parameters in the URL, as vmalert sends them: nothing to decode.
    if (req.method === 'POST' && hasBody(req)) {
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

    // http-proxy copies req.headers to the upstream request, and skips on.proxyReq altogether
    // when an Expect header is present, so the headers are filtered here, before it runs.
    req.headers = forwardedHeaders(req.headers, body);
    let flight: Flight | undefined;
    if (collapse) {
      const key = flightKey(route.path, canonicalParams({ query, form }), req.headers);
      const inFlight = flights.get(key);
      if (inFlight) {
        onCollapse?.();
        inFlight.followers.push(res);
        return;
      }
      flight = { key, followers: [] };
      flights.set(key, flight);
    }
    forwarding.set(req, { url: `${upstream.pathPrefix}${route.path}${query ? `?${query}` : ''}`, body, flight });

    // The flight takes followers while it waits for a slot: they share its place in the queue.
    const release = await concurrency.acquire();
    if (!release) {
      onReject?.('upstream_concurrency');
      settle(
        req,
        res,
        failure(503, `too many queries to ${upstream.name} at once; try again shortly`, [
          ['retry-after', String(concurrency.retryAfterSeconds)],
        ]),
      );
      return;
    }
    if (res.destroyed) {
      release();
      settle(req, res, failure(502, 'the identical request this one shared with was cut off; try again'));
      return;
    }
    // proxyTimeout is the socket's idle time: an upstream that trickles a byte at a time never
    // trips it. This is the deadline of the whole exchange, body included.
    const deadline = setTimeout(() => {
      upstreamRequests.get(req)?.destroy();
      const started = res.headersSent;
      if (started) res.destroy();
      settle(req, res, started ? 'cut off' : timeout());
    }, upstream.timeoutMs);
    // The slot and the deadline last as long as the upstream exchange, which outlives a client
    // that left while followers still wait for the answer.
    const end = () => {
      clearTimeout(deadline);
      release();
    };
    exchangeEnds.set(req, end);
    res.once('close', () => {
      if (!flight?.followers.some((follower) => !follower.writableEnded && !follower.destroyed)) end();
    });
    await proxy(req, res, (error?: unknown) => {
      // The request never left: its followers must not wait for it.
      land(flight);
      for (const follower of flight?.followers ?? [])
        answer(follower, failure(500, 'the request could not be forwarded'));
      next(error);
    });
  });
  return router;
}

/** Path, parameters in canonical order and the headers the upstream would see: what makes two requests one. */
function flightKey(path: string, params: string, headers: IncomingHttpHeaders): string {
  let key = `${path}?${params}`;
  for (const name of FORWARDED_REQUEST_HEADERS) key += `\n${headers[name] ?? ''}`;
  return key;
}

function answer(res: ServerResponse, outcome: Outcome): void {
  if (res.headersSent || res.destroyed) return;
  if (outcome === 'cut off') {
    res.destroy();
    return;
  }
  for (const [name, value] of outcome.headers) res.setHeader(name, value);
  res.statusCode = outcome.status;
  res.setHeader('Content-Length', outcome.body.length);
  res.end(outcome.body);
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
 * One pooled connection set per upstream, with its TLS settings. The socket timeout also bounds
 * the TCP connect (proxyTimeout only starts once connected) and closes idle pooled sockets.
 */
function keepAliveAgent(upstream: UpstreamConfig): http.Agent {
  const options = { keepAlive: true, timeout: upstream.timeoutMs };
  if (new URL(upstream.url).protocol !== 'https:') return new http.Agent(options);
  return new https.Agent({ ...options, ...upstream.tls });
}
