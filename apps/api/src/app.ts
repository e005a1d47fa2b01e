import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { AlertsService } from './alerts/alerts.service.js';
import { alertsRoutes } from './alerts/alerts.routes.js';
import type { Config } from './config.js';
import { healthRoutes } from './health/health.routes.js';
import { errorHandler, notFoundHandler, toErrorBody } from './http/errors.js';
import { requestLogger } from './http/requestLogger.js';
import { securityHeaders } from './http/securityHeaders.js';
import { DisplaysService } from './displays/displays.service.js';
import { displaysRoutes } from './displays/displays.routes.js';
import { createMetrics, type ApiMetrics } from './metrics/metrics.js';
import { requestMetrics } from './metrics/requestMetrics.js';
import { openApiDocument } from './openapi/openapi.js';
import { promProxy } from './proxy/proxy.routes.js';
import { SummaryService } from './summary/summary.service.js';
import { summaryRoutes } from './summary/summary.routes.js';
import { TargetsService } from './targets/targets.service.js';
import { tvRoutes } from './tv/tv.routes.js';
import { targetsRoutes } from './targets/targets.routes.js';
import { createUpstreamClient } from './upstream/upstream.client.js';
import { version } from './version.js';
import { webAppRoutes } from './web-app/webApp.routes.js';

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
  const targets = new TargetsService(prometheus, config.cache.ttlMs, metrics, now);
  const alerts = new AlertsService(prometheus, alertmanager, config.cache.ttlMs, metrics, now);
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
      windowMs: config.limits.rateLimit.perMs,
      limit: config.limits.rateLimit.requests,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => {
        metrics.rejected.inc({ reason: 'rate_limit' });
        res.status(429).json(toErrorBody('too_many_requests', 'rate limit reached; slow down'));
      },
    }),
  );
  // Before any body parser: the proxy reads and checks form bodies itself.
  app.use(
    '/api/prom',
    promProxy({
      upstream: config.prometheus,
      maxBodyBytes: config.limits.maxBodyBytes,
      onReject: (reason) => metrics.rejected.inc({ reason }),
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
