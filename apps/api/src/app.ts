import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { AlertsService } from './alerts/alerts.service.ts';
import { alertsRoutes } from './alerts/alerts.routes.ts';
import type { Config } from './config.ts';
import { healthRoutes } from './health/health.routes.ts';
import { clientConcurrency } from './http/clientConcurrency.ts';
import { errorHandler, notFoundHandler, toErrorBody } from './http/errors.ts';
import { hostCheck } from './http/hostCheck.ts';
import { requestLogger } from './http/requestLogger.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { DisplaysService } from './displays/displays.service.ts';
import { displaysRoutes } from './displays/displays.routes.ts';
import { createMetrics, observeLimit, type ApiMetrics } from './metrics/metrics.ts';
import { requestMetrics } from './metrics/requestMetrics.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { promProxy } from './proxy/proxy.routes.ts';
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
  /** The clock, for tests of caching and staleness. */
  now?: () => number;
}

const SWEEP_INTERVAL_MS = 10_000;

/** Paths the API owns; the web app's fallback must never answer them with index.html. */
const API_PATHS = ['/api', '/healthz', '/readyz', '/metrics'];

/** Builds Promwall's HTTP app; the caller decides where it listens. */
export function createApp({ config, logger, metrics = createMetrics(), now = Date.now }: AppDeps): Express {
  const upstreamLimits = {
    maxBytes: config.limits.maxUpstreamBytes,
    concurrency: new ConcurrencyLimit(config.limits.concurrentUpstreamQueries, config.limits.queueTimeoutMs),
  };
  observeLimit(metrics, 'upstream_queries', 'Queries to the upstreams', upstreamLimits.concurrency);
  const prometheus = createUpstreamClient(config.prometheus, metrics, upstreamLimits);
  const alertmanager = config.alertmanager
    ? createUpstreamClient(config.alertmanager, metrics, upstreamLimits)
    : undefined;
  const summary = new SummaryService(prometheus, config, metrics, now);
  const targets = new TargetsService(prometheus, config.cache.ttlMs, metrics, now);
  const alerts = new AlertsService(
    prometheus,
    alertmanager,
    { ttlMs: config.cache.ttlMs, maxAlerts: config.limits.maxAlerts },
    metrics,
    now,
  );
  const displays = new DisplaysService({ maxDisplays: 500, maxPerAddress: 50 }, now);
  // Expired answers are dropped rather than kept until newer ones evict them: after a burst of
  // distinct requests or one huge answer, memory goes back down by itself.
  setInterval(() => {
    summary.sweep();
    targets.sweep();
    alerts.sweep();
  }, SWEEP_INTERVAL_MS).unref();
  const openApi = openApiDocument(version);

  const app = express();
  app.disable('x-powered-by');
  // req.ip is the client's address as the trusted proxies report it: limits and logs key on it.
  app.set('trust proxy', config.server.trustProxy);
  // Answers are live and marked no-store: hashing every body for an ETag would be wasted work.
  app.set('etag', false);

  app.use(securityHeaders(config.embed.frameAncestors));
  app.use(requestLogger(logger));
  app.use(requestMetrics(metrics));
  app.use(hostCheck(config.server.allowedHosts, (reason) => metrics.rejected.inc({ reason })));

  // Express would answer OPTIONS itself, in plain text; Promwall grants no CORS, so no preflight
  // (the pass-through answers its own, naming the methods of each path).
  app.options(/^(?!\/api\/prom\/)/, (_req, res) => {
    res
      .status(405)
      .json(toErrorBody('method_not_allowed', 'OPTIONS is not answered: Promwall allows no cross-origin requests'));
  });
  app.use(healthRoutes(version, prometheus, metrics));

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
  app.use(perClient.handler);

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
      concurrency: upstreamLimits.concurrency,
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
