import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { healthRoutes } from './health/health.routes.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { requestLogger } from './http/requestLogger.js';
import { securityHeaders } from './http/securityHeaders.js';
import { version } from './version.js';
import { webAppRoutes } from './web-app/webApp.routes.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
}

/** Paths the API owns; the web app's fallback must never answer them with index.html. */
const API_PATHS = ['/api', '/healthz', '/readyz', '/metrics'];

/** Builds Promwall's HTTP app; the caller decides where it listens. */
export function createApp({ config, logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.use(securityHeaders);
  app.use(requestLogger(logger));

  app.use(healthRoutes(version));
  app.use(API_PATHS, notFoundHandler);

  app.use(webAppRoutes(config.webDir));
  app.use(notFoundHandler);
  app.use(errorHandler);

  return app;
}
