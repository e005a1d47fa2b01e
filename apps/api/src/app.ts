import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AlertsService } from './alerts/alerts.service.ts';
import { alertsRoutes } from './alerts/alerts.routes.ts';
import type { Config } from './config.ts';
import type { Database } from './database/database.pool.ts';
import { healthRoutes } from './health/health.routes.ts';
import { historyRoutes } from './history/history.routes.ts';
import { HistoryService } from './history/history.service.ts';
import { errorHandler, notFoundHandler, PROMETHEUS_API_MOUNT, prometheusErrorShape } from './http/errors.ts';
import { rateLimit } from './http/rateLimit.ts';
import { requestLogger } from './http/requestLogger.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { MemoryDisplaysStore } from './displays/displays.memoryStore.ts';
import { PostgresDisplaysStore } from './displays/displays.postgresStore.ts';
import { displaysRoutes } from './displays/displays.routes.ts';
import { createMetrics, type ApiMetrics } from './metrics/metrics.ts';
import { requestMetrics } from './metrics/requestMetrics.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { promProxy } from './proxy/proxy.routes.ts';
import { SummaryService } from './summary/summary.service.ts';
import { summaryRoutes } from './summary/summary.routes.ts';
import { TargetsService } from './targets/targets.service.ts';
import { tvRoutes } from './tv/tv.routes.ts';
import { targetsRoutes } from './targets/targets.routes.ts';
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
}

/** Paths the API owns; the web app's fallback must never answer them with index.html. */
const API_PATHS = ['/api', '/healthz', '/readyz', '/metrics'];

/**
 * Builds Promwall's HTTP app; the caller decides where it listens. Every route lives under the
 * base path (`web.basePath`) and nowhere else, as behind a reverse proxy's `location /promwall/`.
 */
export function createApp({ config, logger, metrics = createMetrics(), database, now = Date.now }: AppDeps): Express {
  const { basePath } = config.web;
  const app = express();
  app.disable('x-powered-by');
  // Answers are live and marked no-store: hashing every body for an ETag would be wasted work.
  app.set('etag', false);
  // The base path matches as written, as a proxy's location does: /Promwall is not /promwall.
  app.set('case sensitive routing', true);

  app.use(securityHeaders(config.embed.frameAncestors, basePath));
  app.use(requestLogger(logger));
  app.use(requestMetrics(metrics, basePath));
  if (basePath) app.use(redirectToApp(basePath));
  app.use(basePath || '/', promwallRoutes({ config, metrics, database, now }));
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
}: Required<Omit<AppDeps, 'logger' | 'database'>> & Pick<AppDeps, 'database'>): Router {
  const prometheus = createUpstreamClient(config.prometheus, metrics);
  const alertmanager = config.alertmanager ? createUpstreamClient(config.alertmanager, metrics) : undefined;
  const summary = new SummaryService(prometheus, config, metrics, now);
  const targets = new TargetsService(prometheus, config.cache, metrics, now);
  const alerts = new AlertsService(prometheus, alertmanager, config.cache, metrics, now);
  const displays = database ? new PostgresDisplaysStore(database) : new MemoryDisplaysStore(undefined, now);
  const history = database ? { service: new HistoryService(database, config), database } : undefined;
  // Its paths are relative to the server, which is the base path.
  const openApi = { ...openApiDocument(version), servers: [{ url: config.web.basePath || '/' }] };

  const routes = Router();
  routes.use(healthRoutes(version, prometheus, metrics));
  // Before the rate limiter, so that its 429 there takes Prometheus's error shape too.
  routes.use(PROMETHEUS_API_MOUNT, prometheusErrorShape);

  routes.use(
    '/api',
    rateLimit({
      requests: config.limits.rateLimit.requests,
      windowMs: config.limits.rateLimit.perMs,
      onLimited: () => metrics.rejected.inc({ reason: 'rate_limit' }),
    }),
  );
  // Before any body parser: the proxy reads and checks form bodies itself.
  routes.use(
    PROMETHEUS_API_MOUNT,
    promProxy({
      upstream: config.prometheus,
      maxBodyBytes: config.limits.maxBodyBytes,
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
  routes.use(historyRoutes(history, config, now));
  routes.use(API_PATHS, notFoundHandler);

  routes.use(webAppRoutes({ ...config.web, features: history ? ['history'] : [] }));
  return routes;
}

/**
 * An HTTP server for the app whose requests and responses are born with Express's prototypes.
 * Express otherwise swaps the prototype of every request and response (Object.setPrototypeOf),
 * which de-optimises both objects and every code path that touches them: on a 2-CPU machine a
 * constant answer cost 123 µs of CPU that way and 35 µs this way. Express's own swap then finds
 * the prototype already in place and changes nothing.
 */
export function createAppServer(app: Express): Server {
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
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
