import type { HeadlineKey } from '@promwall/core/headline';
import type { Alerts, HeadlineSeries, Summary, Targets } from '@promwall/core/schemas';

/** API answers recorded from the embedded stack, trimmed: for component tests only. */
export const RECORDED_AT = Date.parse('2026-11-22T00:05:36.255Z');

const up = { up: 1, down: 0 };
const instance = (name: string, value: number) => ({
  instance: name,
  value,
  status: 'ok' as const,
  reason: 'thresholds' as const,
  sources: up,
});

export const recordedSummary: Summary = {
  generatedAt: '2026-11-22T00:05:36.255Z',
  source: 'prometheus',
  stale: false,
  lastSuccessAt: '2026-11-22T00:05:36.255Z',
  filters: { job: null, instance: null },
  metrics: {
    cpu: {
      value: 83.55762711864404,
      sampledAt: '2026-11-22T00:05:36.181Z',
      unit: 'percent',
      status: 'critical',
      reason: 'thresholds',
      thresholds: { warning: 70, critical: 80 },
      sources: up,
      alerts: [],
      query: '100 - (avg(rate(node_cpu_seconds_total{mode="idle"}[2m])) * 100)',
      byInstance: [{ ...instance('127.0.0.1:29100', 83.55762711864404), status: 'critical' }],
      error: null,
    },
    memory: {
      value: 12.619836289704311,
      sampledAt: '2026-11-22T00:05:36.183Z',
      unit: 'percent',
      status: 'ok',
      reason: 'thresholds',
      thresholds: { warning: 80, critical: 90 },
      sources: up,
      alerts: [],
      query: 'avg((1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100)',
      byInstance: [instance('127.0.0.1:29100', 12.619836289704311)],
      error: null,
    },
    dbConnections: {
      value: 87,
      sampledAt: '2026-11-22T00:05:36.190Z',
      unit: 'count',
      status: 'warning',
      reason: 'thresholds',
      thresholds: { warning: 80, critical: 100 },
      sources: up,
      alerts: [
        { name: 'DatabaseConnectionHigh', state: 'inactive', severity: 'critical', activeAt: null, summary: null },
      ],
      query: 'sum(pg_stat_database_numbackends)',
      byInstance: [{ ...instance('127.0.0.1:29187', 87), status: 'warning' }],
      error: null,
    },
    rps: {
      value: null,
      sampledAt: null,
      unit: 'requestsPerSecond',
      status: 'unknown',
      reason: 'no_data',
      thresholds: { warning: 1_000, critical: 5_000 },
      sources: { up: 0, down: 0 },
      alerts: [],
      query: 'sum(rate(app_request_total[2m]))',
      byInstance: [],
      error: null,
    },
    latencyP95: {
      value: null,
      sampledAt: null,
      unit: 'seconds',
      status: 'unknown',
      reason: 'failed',
      thresholds: { warning: 0.3, critical: 0.5 },
      sources: { up: 0, down: 0 },
      alerts: [],
      query: 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[2m])))',
      byInstance: [],
      error: {
        code: 'query_error',
        message: 'bad_data: 1:23: parse error: unexpected identifier "bucket"',
      },
    },
  },
};

const recordedCpuPoints: [number, number][] = [
  [1795305630000, 96.81884999999996],
  [1795305660000, 93.81684333333335],
  [1795305690000, 91.71692142857142],
  [1795305720000, 88.98951728395062],
  [1795305750000, 86.13409999999999],
  [1795305780000, 86.10693888888888],
  [1795305810000, 81.61887888888891],
  [1795305840000, 81.15604117647058],
  [1795305870000, 79.44869970760234],
  [1795305900000, 81.01016949152547],
  [1795305930000, 82.52905045355314],
];

/** A series answer shaped like the API's, for any metric: the recorded CPU points, scaled. */
export function recordedSeries(metric: HeadlineKey, byInstance: boolean): HeadlineSeries {
  const { unit, query } = recordedSummary.metrics[metric];
  const instances = byInstance ? ['127.0.0.1:29100', '10.0.4.12:9100'] : [undefined];
  return {
    metric,
    unit,
    query,
    start: '2026-11-22T00:00:30.000Z',
    end: '2026-11-22T00:05:30.000Z',
    stepSeconds: 30,
    series: instances.map((instance, i) => ({
      labels: instance ? { instance } : ({} as Record<string, string>),
      points: recordedCpuPoints.map(([t, value]) => [new Date(t).toISOString(), value / (i + 1)]),
    })),
  };
}

export const recordedTargets: Targets = {
  generatedAt: '2026-11-22T00:06:08.030Z',
  counts: { up: 1, down: 1, unknown: 0, total: 2 },
  targets: [
    {
      job: 'node',
      instance: '127.0.0.1:29100',
      health: 'up',
      lastScrape: '2026-11-22T00:06:05.350Z',
      lastScrapeDurationSeconds: 0.069499774,
      lastError: null,
      downSince: null,
      scrapeUrl: 'http://127.0.0.1:29100/metrics',
      labels: { instance: '127.0.0.1:29100', job: 'node' },
    },
    {
      job: 'postgres',
      instance: '127.0.0.1:29187',
      health: 'down',
      lastScrape: '2026-11-22T00:06:06.092Z',
      lastScrapeDurationSeconds: 0.000812,
      lastError: 'Get "http://127.0.0.1:29187/metrics": dial tcp 127.0.0.1:29187: connect: connection refused',
      downSince: '2026-11-22T00:05:12.000Z',
      scrapeUrl: 'http://127.0.0.1:29187/metrics',
      labels: { instance: '127.0.0.1:29187', job: 'postgres' },
    },
  ],
};

export const recordedAlerts: Alerts = {
  generatedAt: '2026-11-22T00:06:08.152Z',
  alertmanager: 'merged',
  counts: { byState: { firing: 0, pending: 1 }, bySeverity: { critical: 0, error: 0, warning: 1, info: 0 }, total: 1 },
  alerts: [
    {
      name: 'HighCPUUsage',
      state: 'pending',
      severity: 'warning',
      labels: { alertname: 'HighCPUUsage', instance: '127.0.0.1:29100', severity: 'warning' },
      annotations: {
        description: 'CPU usage is 86%, above 80% for 2 minutes.',
        summary: 'High CPU usage on 127.0.0.1:29100',
      },
      activeAt: '2026-11-22T00:04:43.765Z',
      value: 85.96440677966103,
      silenced: false,
      inhibited: false,
      silencedBy: [],
      inhibitedBy: [],
      silences: [],
    },
  ],
};
