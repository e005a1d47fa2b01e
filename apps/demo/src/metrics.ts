// The demo's own prom-client registry: default process metrics plus the app_* metrics that
// Promwall's dashboards and alerts read.
import { Counter, Gauge, Histogram, Registry, Summary, collectDefaultMetrics } from 'prom-client';

/** Latency buckets (seconds) that keep a p95 meaningful from ~5 ms to a few seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 0.75, 1, 2.5, 5];
export const SUMMARY_PERCENTILES = [0.5, 0.9, 0.99];
export const ACTIVE_USER_WINDOW_MS = 60_000;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Keeps the method label bounded: anything unusual is counted as "other". */
export function methodLabel(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : 'other';
}

/** Distinct user ids seen within a sliding window; bounded in memory. */
export class ActiveUsers {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly windowMs: number = ACTIVE_USER_WINDOW_MS,
    private readonly maxTracked: number = 100_000,
  ) {}

  seen(userId: string, nowMs: number): void {
    if (!this.lastSeen.has(userId) && this.lastSeen.size >= this.maxTracked) {
      this.prune(nowMs);
      if (this.lastSeen.size >= this.maxTracked) return;
    }
    // Re-insert so the map stays ordered by last sighting (oldest first), which lets prune stop early.
    this.lastSeen.delete(userId);
    this.lastSeen.set(userId, nowMs);
  }

  count(nowMs: number): number {
    this.prune(nowMs);
    return this.lastSeen.size;
  }

  private prune(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    for (const [id, at] of this.lastSeen) {
      if (at > cutoff) break;
      this.lastSeen.delete(id);
    }
  }
}

export interface RequestObservation {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
}

export interface DemoMetrics {
  readonly registry: Registry;
  readonly activeUsers: ActiveUsers;
  observeRequest(observation: RequestObservation): void;
}

export interface MetricsOptions {
  /** Open connections of the database pool, read at scrape time. */
  openConnections: () => number;
  now?: () => number;
  /** Process metrics (CPU, memory, event loop); on by default. */
  defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions): DemoMetrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const requestTotal = new Counter({
    name: 'app_request_total',
    help: 'HTTP requests handled, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'app_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const responseTime = new Summary({
    name: 'response_time_summary',
    help: 'HTTP response time in seconds over the last minute, all routes.',
    percentiles: SUMMARY_PERCENTILES,
    maxAgeSeconds: 60,
    ageBuckets: 5,
    registers: [registry],
  });
  const activeUsers = new ActiveUsers();
  new Gauge({
    name: 'app_active_users',
    help: 'Distinct simulated user ids seen in the last 60 seconds.',
    registers: [registry],
    collect() {
      this.set(activeUsers.count(now()));
    },
  });
  new Gauge({
    name: 'app_db_connections',
    help: 'Open connections of the PostgreSQL pool (busy and idle).',
    registers: [registry],
    collect() {
      this.set(options.openConnections());
    },
  });

  return {
    registry,
    activeUsers,
    observeRequest({ method, route, status, durationSeconds }) {
      const m = methodLabel(method);
      requestTotal.inc({ method: m, route, status: String(status) });
      requestDuration.observe({ method: m, route }, durationSeconds);
      responseTime.observe(durationSeconds);
    },
  };
}
