import type { RequestHandler } from 'express';
import type { ApiMetrics } from './metrics.ts';

/** Times every request under its route pattern (never the raw URL, which would let clients
 * create unbounded label values), without the base path: dashboards read the same anywhere. */
export function requestMetrics(metrics: ApiMetrics, basePath: string): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.requests.startTimer();
    metrics.inFlight.inc();
    // 'close' also fires for a client that left before the answer; 'finish' would miss it.
    res.once('close', () => {
      metrics.inFlight.dec();
      // Every route is declared with its full path below the base path, on a router mounted there.
      const route = (req.route?.path as string | undefined) ?? routeGroup(req.originalUrl, basePath);
      stop({ method: methodLabel(req.method), route, status: String(res.statusCode) });
    });
    next();
  };
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

function methodLabel(method: string): string {
  return knownMethods.has(method) ? method : 'other';
}

/** Requests no route matched: grouped, so that scanners cannot blow up the series count. */
function routeGroup(url: string, basePath: string): string {
  if (basePath && url !== basePath && !url.startsWith(`${basePath}/`) && !url.startsWith(`${basePath}?`))
    return '(outside base path)';
  const below = url.slice(basePath.length);
  if (below.startsWith('/api/prom/')) return '/api/prom/*';
  if (below.startsWith('/api/')) return '/api/*';
  return '(web app)';
}
