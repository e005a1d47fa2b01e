import type { Alert, Alerts } from '@promwall/core/schemas';

/** A /api/v1/alerts answer recorded from the embedded stack with its node exporter stopped and
 * HighCPUUsage silenced. For tests only. */
export const RECORDED_AT = Date.parse('2026-11-22T00:07:56.600Z');

const quiet = { silenced: false, inhibited: false, silencedBy: [], inhibitedBy: [], silences: [] };

const instanceDown: Alert = {
  name: 'InstanceDown',
  state: 'firing',
  severity: 'critical',
  labels: { alertname: 'InstanceDown', instance: '127.0.0.1:39100', job: 'node', severity: 'critical' },
  annotations: {
    description: 'Prometheus has not been able to scrape 127.0.0.1:39100 (job node) for 30 seconds.',
    summary: 'node target 127.0.0.1:39100 is down',
  },
  activeAt: '2026-11-22T00:03:53.765Z',
  value: 0,
  ...quiet,
};

const highLatency: Alert = {
  name: 'HighRequestLatency',
  state: 'firing',
  severity: 'warning',
  labels: { alertname: 'HighRequestLatency', job: 'demo', severity: 'warning' },
  annotations: {
    description: 'The 95th percentile of request latency is 1.623s, above 500ms for 1 minute.',
    summary: 'p95 request latency of demo is high',
  },
  activeAt: '2026-11-21T23:59:43.765Z',
  value: 1.6230042016806718,
  ...quiet,
};

const highCpu: Alert = {
  name: 'HighCPUUsage',
  state: 'firing',
  severity: 'warning',
  labels: { alertname: 'HighCPUUsage', instance: '127.0.0.1:39100', severity: 'warning' },
  annotations: {
    description: 'CPU usage is 95%, above 80% for 2 minutes.',
    summary: 'High CPU usage on 127.0.0.1:39100',
  },
  activeAt: '2026-11-22T00:04:33.765Z',
  value: 94.6734112,
  silenced: true,
  inhibited: true,
  silencedBy: ['3b742804-dd40-4072-8ac4-50e89d7704bb'],
  inhibitedBy: ['9cdefdd2d6f2fb8a'],
  silences: [
    {
      id: '3b742804-dd40-4072-8ac4-50e89d7704bb',
      createdBy: 'ops-alice',
      comment: 'Kernel upgrade on the demo host',
      startsAt: '2026-11-22T00:05:00.000Z',
      endsAt: '2026-11-22T04:05:00.000Z',
    },
  ],
};

const dbConnections: Alert = {
  name: 'DatabaseConnectionHigh',
  state: 'pending',
  severity: 'critical',
  labels: { alertname: 'DatabaseConnectionHigh', instance: '127.0.0.1:39187', severity: 'critical' },
  annotations: {
    description: '44 backends are connected, more than 40 for 1 minute.',
    summary: 'High PostgreSQL connection count on 127.0.0.1:39187',
  },
  activeAt: '2026-11-22T00:07:28.765Z',
  value: 44,
  ...quiet,
};

export const recordedAlerts: Alerts = {
  generatedAt: '2026-11-22T00:07:56.600Z',
  alertmanager: 'merged',
  counts: { byState: { firing: 3, pending: 1 }, bySeverity: { critical: 2, error: 0, warning: 2, info: 0 }, total: 4 },
  alerts: [instanceDown, highLatency, highCpu, dbConnections],
};

/** Ten targets down at once: more InstanceDown alerts than a panel shows. */
export const manyAlerts: Alerts = {
  ...recordedAlerts,
  counts: {
    byState: { firing: 10, pending: 0 },
    bySeverity: { critical: 10, error: 0, warning: 0, info: 0 },
    total: 10,
  },
  alerts: Array.from({ length: 10 }, (_, i) => ({
    ...instanceDown,
    labels: { ...instanceDown.labels, instance: `10.0.0.${i + 1}:9100` },
    annotations: { ...instanceDown.annotations, summary: `node target 10.0.0.${i + 1}:9100 is down` },
  })),
};

export const noAlerts: Alerts = {
  generatedAt: '2026-11-22T00:07:56.600Z',
  alertmanager: 'not_configured',
  counts: { byState: { firing: 0, pending: 0 }, bySeverity: { critical: 0, error: 0, warning: 0, info: 0 }, total: 0 },
  alerts: [],
};
