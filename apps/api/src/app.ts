import { createServer, IncomingMessage, type Server, type ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AlertRulesService } from './alerts/alertRules.service.ts';
import { AlertsService } from './alerts/alerts.service.ts';
import { alertsRoutes } from './alerts/alerts.routes.ts';
import { API_PATHS, ROUTE_ACCESS } from './auth/auth.access.ts';
import { accessGuard, authenticate } from './auth/auth.guard.ts';
import { tokenLinkExchange } from './auth/auth.link.ts';
import { sessionRoutes } from './auth/auth.routes.ts';
import { TokenVerifier } from './auth/auth.tokens.ts';
import { allowedHostsOf, type Config } from './config.ts';
import { dashboardsRoutes } from './dashboards/dashboards.routes.ts';
import { DashboardsService } from './dashboards/dashboards.service.ts';
import { DashboardStore } from './dashboards/dashboards.store.ts';
import type { Database } from './database/database.pool.ts';
import { healthRoutes } from './health/health.routes.ts';
import { historyRoutes } from './history/history.routes.ts';
import { HistoryService } from './history/history.service.ts';
import { clientConcurrency } from './http/clientConcurrency.ts';
import { ApiError, errorHandler, notFoundHandler, PROMETHEUS_API_MOUNT, prometheusErrorShape } from './http/errors.ts';
import { hostCheck } from './http/hostCheck.ts';
import { loopTurns } from './http/loopTurns.ts';
import { rateLimit } from './http/rateLimit.ts';
import { requestLogger } from './http/requestLogger.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { MemoryDisplaysStore } from './displays/displays.memoryStore.ts';
import { PostgresDisplaysStore } from './displays/displays.postgresStore.ts';
import { displaysRoutes } from './displays/displays.routes.ts';
import { createMetrics, observeLimit, type ApiMetrics } from './metrics/metrics.ts';
import { requestMetrics } from './metrics/requestMetrics.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { promProxy } from './proxy/proxy.routes.ts';
import { SilencesService } from './silences/silences.service.ts';
import { silencesRoutes } from './silences/silences.routes.ts';
import { SummaryService } from './summary/summary.service.ts';
import { summaryRoutes } from './summary/summary.routes.ts';
import { TargetsService } from './targets/targets.service.ts';
import { tvRoutes } from './tv/tv.routes.ts';
import { targetsRoutes } from './targets/targets.routes.ts';
import { ConcurrencyLimit } from './upstream/concurrencyLimit.ts';
import { createUpstreamClient } from './upstream/upstream.client.ts';
import { version } from './version.ts';
import { webAppRoutes } from './web-app/webApp.routes.ts';

export interface AppDeps {
  config: Config;
  logger: Logger;
  metrics?: ApiMetrics;
  /** History and shared state, when a database is configured. */
  database?: Database | undefined;
  /** The clock, for tests of caching and staleness. */
  now?: () => number;
  /** The dashboards folder, loaded and watched; one over config.dashboards.dir when absent. */
  dashboards?: DashboardStore;
}

/** Probes address a replica by its IP, whatever name users reach it by; they reveal nothing. */
const PROBE_PATHS = ['/healthz', '/readyz'];

const SWEEP_INTERVAL_MS = 10_000;

/**
 * Requests started per turn of the event loop (see loopTurns): at 130 µs of CPU per summary,
 * about a millisecond per turn. Under 500 connections a fresh /healthz then waits a few
 * milliseconds, with no measurable cost in CPU per request against unlimited turns.
 */
const REQUESTS_PER_TURN = 8;

/**
 * Builds Promwall's HTTP app; the caller decides where it listens. Every route lives under the
 * base path (`web.basePath`) and nowhere else, as behind a reverse proxy's `location /promwall/`.
 */
export function createApp({
  config,
  logger,
  metrics = createMetrics(),
  database,
  now = Date.now,
  dashboards = new DashboardStore(config.dashboards.dir, logger, now, config.metrics),
}: AppDeps): Express {
  const { basePath } = config.web;
  const app = express();
  app.disable('x-powered-by');
  // Answers are live and marked no-store: hashing every body for an ETag would be wasted work.
  app.set('etag', false);
  // The base path matches as written, as a proxy's location does: /Promwall is not /promwall.
  app.set('case sensitive routing', true);
  // req.ip is the client's address as the trusted proxies report it: limits and logs key on it.
  app.set('trust proxy', config.server.trustProxy);

  app.use(securityHeaders(config.embed.frameAncestors, basePath));
  app.use(requestLogger(logger));
  app.use(requestMetrics(metrics, basePath));
  // After the request log and metrics, so that the time they record includes the wait for a turn.
  app.use(loopTurns({ perTurn: REQUESTS_PER_TURN, exempt: PROBE_PATHS.map((path) => `${basePath}${path}`) }));
  // Marked before the Host check, so that its refusals there take Prometheus's error shape too.
  app.use(`${basePath}${PROMETHEUS_API_MOUNT}`, prometheusErrorShape);
  // Before everything that answers, the base path's redirect and 404s included: a page on a
  // rebinding name learns nothing, not even where Promwall is mounted.
  app.use(
    hostCheck({
      allowed: allowedHostsOf(config),
      exempt: PROBE_PATHS.map((path) => `${basePath}${path}`),
      onReject: (reason) => metrics.rejected.inc({ reason }),
    }),
  );
  if (basePath) app.use(redirectToApp(basePath));
  app.use(basePath || '/', promwallRoutes({ config, metrics, database, now, dashboards }));
  app.use(notFoundHandler);
  app.use(errorHandler);

  return app;
}

/** `/` and the bare prefix lead to the app, whose relative URLs need the trailing slash. */
function redirectToApp(basePath: string): RequestHandler {
  return (req, res, next) => {
    const queryStart = req.originalUrl.indexOf('?');
    const pathname = queryStart === -1 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (pathname !== '/' && pathname !== basePath)) {
      next();
      return;
    }
    res.redirect(`${basePath}/${queryStart === -1 ? '' : req.originalUrl.slice(queryStart)}`);
  };
}

/** Everything Promwall answers, relative to the base path. */
function promwallRoutes({
  config,
  metrics,
  database,
  now,
  dashboards,
}: Required<Omit<AppDeps, 'logger' | 'database'>> & Pick<AppDeps, 'database'>): Router {
  const upstreamLimits = {
    maxBytes: config.limits.maxUpstreamBytes,
    concurrency: new ConcurrencyLimit(config.limits.concurrentUpstreamQueries, config.limits.queueTimeoutMs),
  };
  observeLimit(metrics, 'upstream_queries', 'Queries to the upstreams', upstreamLimits.concurrency);
  const prometheus = createUpstreamClient(config.prometheus, metrics, upstreamLimits);
  const alertmanager = config.alertmanager
    ? createUpstreamClient(config.alertmanager, metrics, upstreamLimits)
    : undefined;
  const rules = new AlertRulesService(prometheus, config.cache, metrics, now);
  const summary = new SummaryService(prometheus, rules, config, metrics, now);
  const targets = new TargetsService(prometheus, config.cache, metrics, now);
  const alerts = new AlertsService(prometheus, alertmanager, config.cache, config.limits, metrics, now);
  const silences = alertmanager ? new SilencesService(alertmanager, () => alerts.changed(), now) : undefined;
  const displays = database ? new PostgresDisplaysStore(database) : new MemoryDisplaysStore(undefined, now);
  const history = database ? { service: new HistoryService(database, config), database } : undefined;
  const boards = new DashboardsService({ store: dashboards, prometheus, targets, alerts, rules }, config, metrics, now);
  const tokens = new TokenVerifier(config.auth.tokens);
  const cookie = { basePath: config.web.basePath, maxAgeMs: config.auth.cookieMaxAgeMs };
  void dashboards.start();
  // Expired answers are dropped rather than kept until newer ones evict them: after a burst of
  // distinct requests or one huge answer, memory goes back down by itself.
  setInterval(() => {
    summary.sweep();
    targets.sweep();
    alerts.sweep();
    rules.sweep();
    boards.sweep();
  }, SWEEP_INTERVAL_MS).unref();
  // Its paths are relative to the server, which is the base path.
  const openApi = { ...openApiDocument(version), servers: [{ url: config.web.basePath || '/' }] };

  const routes = Router();
  // Express would answer OPTIONS itself, in plain text; Promwall grants no CORS, so no preflight
  // (the pass-through answers its own, naming the methods of each path).
  routes.options(/^(?!\/api\/prom\/)/, () => {
    throw new ApiError(405, 'method_not_allowed', 'OPTIONS is not answered: Promwall allows no cross-origin requests');
  });
  // Who is asking is known before anything counts or answers; refused only by the guard.
  if (tokens.enabled) routes.use(authenticate(tokens));
  // Before the guard, so that requests with no valid token count against their address's budget;
  // before the per-client queue, so that a client over its budget is answered without waiting.
  routes.use(
    '/api',
    rateLimit({
      requests: config.limits.rateLimit.requests,
      windowMs: config.limits.rateLimit.perMs,
      onLimited: () => metrics.rejected.inc({ reason: 'rate_limit' }),
    }),
  );
  // Before the probes' routes, as /metrics is one of them; /healthz and /readyz are open.
  if (tokens.enabled) routes.use(accessGuard(ROUTE_ACCESS, config.auth));
  routes.use(healthRoutes(version, prometheus, metrics));

  // After the probes, which never queue behind a client's backlog.
  const perClient = clientConcurrency(config.limits.concurrentRequestsPerClient, config.limits.queueTimeoutMs, () =>
    metrics.rejected.inc({ reason: 'client_concurrency' }),
  );
  observeLimit(metrics, 'client_requests', 'Requests of clients', {
    get inUse() {
      return perClient.clients().inUse;
    },
    get queued() {
      return perClient.clients().queued;
    },
  });
  routes.use(perClient.handler);

  // Before any body parser: the proxy reads and checks form bodies itself.
  routes.use(
    PROMETHEUS_API_MOUNT,
    promProxy({
      upstream: config.prometheus,
      maxBodyBytes: config.limits.maxBodyBytes,
      concurrency: upstreamLimits.concurrency,
      collapse: config.proxy.collapse,
      onReject: (reason) => metrics.rejected.inc({ reason }),
      onCollapse: () => metrics.proxyCollapsed.inc(),
    }),
  );
  // JSON bodies only (the displays' heartbeats); a large one is refused before it is read.
  routes.use('/api/v1', express.json({ limit: config.limits.maxBodyBytes }));

  routes.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  routes.use(summaryRoutes(summary, config.limits));
  routes.use(targetsRoutes(targets));
  routes.use(alertsRoutes(alerts));
  routes.use(tvRoutes(config.tv, version));
  routes.use(displaysRoutes(displays));
  routes.use(dashboardsRoutes(boards, config.limits));
  routes.use(historyRoutes(history, config, now));
  routes.use(sessionRoutes(tokens, cookie));
  routes.use(silencesRoutes(silences));
  routes.use(API_PATHS, notFoundHandler);

  if (tokens.enabled) routes.use(tokenLinkExchange(tokens, cookie));
  routes.use(webAppRoutes({ ...config.web, features: history ? ['history'] : [] }));
  return routes;
}

/**
 * An HTTP server for the app whose requests and responses are born with Express's prototypes.
 * Express otherwise swaps the prototype of every request and response (Object.setPrototypeOf),
 * which de-optimises both objects and every code path that touches them: on a 2-CPU machine a
 * constant answer cost 123 µs of CPU that way and 35 µs this way. Express's own swap then finds
 * the prototype already in place and changes nothing. `options` are Node's, such as its timeouts.
 */
export function createAppServer(app: Express, options: ServerOptions = {}): Server {
  function AppRequest(this: IncomingMessage, socket: Socket) {
    Reflect.apply(IncomingMessage, this, [socket]);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: object) {
    Reflect.apply(ServerResponse, this, [req, options]);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      ...options,
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
