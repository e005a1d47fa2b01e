import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { AlertsService } from './alerts/alerts.service.ts';
import { alertsRoutes } from './alerts/alerts.routes.ts';
import type { Config } from './config.ts';
import { healthRoutes } from './health/health.routes.ts';
import { errorHandler, notFoundHandler, PROMETHEUS_API_MOUNT } from './http/errors.ts';
import { rateLimit } from './http/rateLimit.ts';
import { requestLogger } from './http/requestLogger.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { DisplaysService } from './displays/displays.service.ts';
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
  /** The clock, for tests of caching and staleness. */
  now?: () => number;
}

/** Paths the API owns; the web app's fallback must never answer them with index.html. */
const API_PATHS = ['/api', '/healthz', '/readyz', '/metrics'];

/** Builds Promwall's HTTP app; the caller decides where it listens. */
export function createApp({ config, logger, metrics = createMetrics(), now = Date.now }: AppDeps): Express {
  const prometheus = createUpstreamClient(config.prometheus, metrics);
  const alertmanager = config.alertmanager ? createUpstreamClient(config.alertmanager, metrics) : undefined;
  const summary = new SummaryService(prometheus, config, metrics, now);
  const targets = new TargetsService(prometheus, config.cache, metrics, now);
  const alerts = new AlertsService(prometheus, alertmanager, config.cache, metrics, now);
  const displays = new DisplaysService(500, now);
  const openApi = openApiDocument(version);

  const app = express();
  app.disable('x-powered-by');
  // Answers are live and marked no-store: hashing every body for an ETag would be wasted work.
  app.set('etag', false);

  app.use(securityHeaders(config.embed.frameAncestors));
  app.use(requestLogger(logger));
  app.use(requestMetrics(metrics));

  app.use(healthRoutes(version, prometheus, metrics));

  app.use(
    '/api',
    rateLimit({
      requests: config.limits.rateLimit.requests,
      windowMs: config.limits.rateLimit.perMs,
      onLimited: () => metrics.rejected.inc({ reason: 'rate_limit' }),
    }),
  );
  // Before any body parser: the proxy reads and checks form bodies itself.
  app.use(
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
  app.use('/api/v1', express.json({ limit: config.limits.maxBodyBytes }));

  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(summaryRoutes(summary, config.limits));
  app.use(targetsRoutes(targets));
  app.use(alertsRoutes(alerts));
  app.use(tvRoutes(config.tv, version));
  app.use(displaysRoutes(displays));
  app.use(API_PATHS, notFoundHandler);

  app.use(webAppRoutes(config.webDir));
  app.use(notFoundHandler);
  app.use(errorHandler);

  return app;
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
