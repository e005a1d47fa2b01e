import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Promwall's own metrics, served at /metrics. One registry per app, so tests can build many. */
export interface ApiMetrics {
  registry: Registry;
  requests: Histogram<'method' | 'route' | 'status'>;
  inFlight: Gauge;
  upstreamRequests: Histogram<'upstream' | 'endpoint' | 'outcome'>;
  cacheEvents: Counter<'cache' | 'result'>;
  rejected: Counter<'reason'>;
  proxyCollapsed: Counter;
}

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'promwall_' });
  return {
    registry,
    requests: new Histogram({
      name: 'promwall_http_request_duration_seconds',
      help: 'HTTP requests served, by route pattern and status (the _count is the request count).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'promwall_http_requests_in_flight',
      help: 'HTTP requests being served right now.',
      registers: [registry],
    }),
    upstreamRequests: new Histogram({
      name: 'promwall_upstream_request_duration_seconds',
      help: 'Requests to the upstream servers, by endpoint and outcome (ok, error, timeout, unreachable).',
      labelNames: ['upstream', 'endpoint', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    cacheEvents: new Counter({
      name: 'promwall_cache_events_total',
      help:
        'Cache lookups: hit (fresh value), stale (the previous value, answered at once while one refresh runs), ' +
        'miss (waited for a new upstream round), coalesced (waited for a round already in flight).',
      labelNames: ['cache', 'result'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'promwall_rejected_requests_total',
      help: 'Requests refused before reaching the upstream, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    proxyCollapsed: new Counter({
      name: 'promwall_proxy_collapsed_requests_total',
      help: 'Pass-through requests answered from an identical request already in flight, without one of their own.',
      registers: [registry],
    }),
  };
}

/** Reports a concurrency limit's holders and waiters as two gauges, read at each scrape. */
export function observeLimit(
  metrics: ApiMetrics,
  name: string,
  what: string,
  limit: { readonly inUse: number; readonly queued: number },
): void {
  new Gauge({
    name: `promwall_${name}_in_flight`,
    help: `${what} under way.`,
    registers: [metrics.registry],
    collect() {
      this.set(limit.inUse);
    },
  });
  new Gauge({
    name: `promwall_${name}_queued`,
    help: `${what} waiting for a free slot.`,
    registers: [metrics.registry],
    collect() {
      this.set(limit.queued);
    },
  });
}
