import type { Thresholds } from './tileState.ts';
import type { Unit } from './units.ts';

/** The five headline metrics every Promwall view leads with, and their default PromQL: the
 * queries of the project's seed notes, made safe for several instances (sums and per-instance
 * averages rather than the first series of a vector). */
export const headlineKeys = ['cpu', 'memory', 'dbConnections', 'rps', 'latencyP95'] as const;
export type HeadlineKey = (typeof headlineKeys)[number];

export interface HeadlineMetric {
  key: HeadlineKey;
  title: string;
  unit: Unit;
  /** The headline figure (one value). */
  query: string;
  /** The same figure split by instance. */
  byInstanceQuery: string;
  thresholds: Thresholds;
}

/**
 * The rate window of the default queries. After a target dies, `rate()` keeps answering from the
 * samples still in its window, divided by the whole window, so the figure drifts (an idle rate
 * shrinks and CPU climbs towards 100 %) until the window empties; a short window ends that drift
 * soon. It must still hold at least four scrapes on a Prometheus scraping every 30 s, or a late
 * scrape leaves one sample in the window and a hole in the figure: 2m is both.
 */
export const RATE_WINDOW = '2m';

const cpuByInstance = `100 - (avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${RATE_WINDOW}])) * 100)`;
const memoryByInstance = '(1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100';

export const headlineMetrics: Record<HeadlineKey, HeadlineMetric> = {
  cpu: {
    key: 'cpu',
    title: 'CPU',
    unit: 'percent',
    query: `100 - (avg(rate(node_cpu_seconds_total{mode="idle"}[${RATE_WINDOW}])) * 100)`,
    byInstanceQuery: cpuByInstance,
    thresholds: { warning: 70, critical: 80 },
  },
  memory: {
    key: 'memory',
    title: 'Memory',
    unit: 'percent',
    query: `avg(${memoryByInstance})`,
    byInstanceQuery: memoryByInstance,
    thresholds: { warning: 80, critical: 90 },
  },
  dbConnections: {
    key: 'dbConnections',
    title: 'DB connections',
    unit: 'count',
    query: 'sum(pg_stat_database_numbackends)',
    byInstanceQuery: 'sum by (instance) (pg_stat_database_numbackends)',
    thresholds: { warning: 80, critical: 100 },
  },
  rps: {
    key: 'rps',
    title: 'Requests/s',
    unit: 'requestsPerSecond',
    query: `sum(rate(app_request_total[${RATE_WINDOW}]))`,
    byInstanceQuery: `sum by (instance) (rate(app_request_total[${RATE_WINDOW}]))`,
    thresholds: { warning: 1_000, critical: 5_000 },
  },
  latencyP95: {
    key: 'latencyP95',
    title: 'p95 latency',
    unit: 'seconds',
    query: `histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[${RATE_WINDOW}])))`,
    byInstanceQuery: `histogram_quantile(0.95, sum by (le, instance) (rate(app_request_duration_seconds_bucket[${RATE_WINDOW}])))`,
    thresholds: { warning: 0.3, critical: 0.5 },
  },
};
