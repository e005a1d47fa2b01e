import type { RequestHandler } from 'express';
import type { ApiMetrics } from './metrics.ts';

/** Times every request under its route pattern (never the raw URL, which would let clients
 * create unbounded label values). */
export function requestMetrics(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.requests.startTimer();
    metrics.inFlight.inc();
    // 'close' also fires for a client that left before the answer; 'finish' would miss it.
    res.once('close', () => {
      metrics.inFlight.dec();
      // Every route is declared with its full path on a router mounted at the root.
      const route = (req.route?.path as string | undefined) ?? routeGroup(req.originalUrl);
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
function routeGroup(url: string): string {
  if (url.startsWith('/api/prom/')) return '/api/prom/*';
  if (url.startsWith('/api/')) return '/api/*';
  return '(web app)';
}
