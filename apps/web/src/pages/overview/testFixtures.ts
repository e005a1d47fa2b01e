import type { HeadlineKey } from '@promwall/core/headline';
import type { Alerts, HeadlineSeries, Summary, Targets } from '@promwall/core/schemas';

/** API answers recorded from the embedded stack, trimmed: for component tests only. */
export const RECORDED_AT = Date.parse('2026-11-22T00:05:36.255Z');

export const recordedSummary: Summary = {
  generatedAt: '2026-11-22T00:05:36.255Z',
  source: 'prometheus',
  stale: false,
  lastSuccessAt: '2026-11-22T00:05:36.255Z',
  filters: {},
  metrics: {
    cpu: {
      value: 83.55762711864404,
      unit: 'percent',
      status: 'critical',
      query: '100 - (avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)',
      byInstance: [{ instance: '127.0.0.1:29100', value: 83.55762711864404 }],
    },
    memory: {
      value: 12.619836289704311,
      unit: 'percent',
      status: 'ok',
      query: 'avg((1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100)',
      byInstance: [{ instance: '127.0.0.1:29100', value: 12.619836289704311 }],
    },
    dbConnections: {
      value: 87,
      unit: 'count',
      status: 'warning',
      query: 'sum(pg_stat_database_numbackends)',
      byInstance: [{ instance: '127.0.0.1:29187', value: 87 }],
    },
    rps: {
      value: null,
      unit: 'requestsPerSecond',
      status: 'unknown',
      query: 'sum(rate(app_request_total[1m]))',
      byInstance: [],
    },
    latencyP95: {
      value: null,
      unit: 'seconds',
      status: 'unknown',
      query: 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[5m])))',
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
      points: recordedCpuPoints.map(([t, value]) => [t, value / (i + 1)]),
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
      lastError: '',
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
      scrapeUrl: 'http://127.0.0.1:29187/metrics',
      labels: { instance: '127.0.0.1:29187', job: 'postgres' },
    },
  ],
};

export const recordedAlerts: Alerts = {
  generatedAt: '2026-11-22T00:06:08.152Z',
  alertmanager: 'merged',
  counts: { byState: { firing: 0, pending: 1 }, bySeverity: { warning: 1 }, total: 1 },
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
