import { NO_SEVERITY, severityRank } from '@promwall/core/alerts';
import type { Alert, Alerts } from '@promwall/core/schemas';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';

interface PrometheusAlert {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: string;
  activeAt?: string;
  value?: string;
}

interface AlertmanagerAlert {
  labels?: Record<string, string>;
  status?: { state?: string; silencedBy?: string[]; inhibitedBy?: string[] };
}

/** Firing and pending alerts from Prometheus, with Alertmanager's silences and inhibitions. */
export class AlertsService {
  private readonly cache: CoalescingCache<JsonBytes<Alerts> | UpstreamError>;

  constructor(
    private readonly prometheus: UpstreamClient,
    private readonly alertmanager: UpstreamClient | undefined,
    cache: Config['cache'],
    metrics: ApiMetrics,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new CoalescingCache({
      name: 'alerts',
      ttlMs: cache.ttlMs,
      staleWhileRevalidateMs: cache.staleWhileRevalidateMs,
      maxEntries: 1,
      metrics,
      now,
      isUsable: (alerts) => !(alerts instanceof UpstreamError),
    });
  }

  async alerts(): Promise<JsonBytes<Alerts>> {
    return loadCached(this.cache, 'all', this.prometheus.name, async () => new JsonBytes(await this.load()));
  }

  private async load(): Promise<Alerts> {
    const [prometheus, alertmanager] = await Promise.all([
      this.prometheus.getJson('/api/v1/alerts', undefined, 'alerts') as Promise<{
        data: { alerts: PrometheusAlert[] };
      }>,
      this.alertmanagerAlerts(),
    ]);
    const alerts = prometheus.data.alerts
      .filter((raw) => raw.state === 'firing' || raw.state === 'pending')
      .map((raw) => toAlert(raw, Array.isArray(alertmanager) ? alertmanager : []))
      .sort(byImportance);
    const tally = (pick: (alert: Alert) => string) =>
      alerts.reduce<Record<string, number>>((counts, alert) => {
        counts[pick(alert)] = (counts[pick(alert)] ?? 0) + 1;
        return counts;
      }, {});
    return {
      generatedAt: new Date(this.now()).toISOString(),
      alertmanager: alertmanager === 'not_configured' || alertmanager === 'unreachable' ? alertmanager : 'merged',
      counts: {
        byState: { firing: 0, pending: 0, ...tally((alert) => alert.state) },
        bySeverity: tally((alert) => alert.severity ?? NO_SEVERITY),
        total: alerts.length,
      },
      alerts,
    };
  }

  /** Alertmanager's view is extra: when it fails, the alerts are still answered, marked so. */
  private async alertmanagerAlerts(): Promise<AlertmanagerAlert[] | 'not_configured' | 'unreachable'> {
    if (!this.alertmanager) return 'not_configured';
    try {
      const body = await this.alertmanager.getJson('/api/v2/alerts', undefined, 'alerts');
      return Array.isArray(body) ? (body as AlertmanagerAlert[]) : 'unreachable';
    } catch {
      return 'unreachable';
    }
  }
}

function toAlert(raw: PrometheusAlert, alertmanager: AlertmanagerAlert[]): Alert {
  const labels = raw.labels ?? {};
  // Alertmanager's copy carries Prometheus's external labels too: match on a superset.
  const managed = alertmanager.find((candidate) =>
    Object.entries(labels).every(([name, value]) => candidate.labels?.[name] === value),
  );
  const silencedBy = managed?.status?.silencedBy ?? [];
  const inhibitedBy = managed?.status?.inhibitedBy ?? [];
  const value = raw.value === undefined ? Number.NaN : Number(raw.value);
  const activeAt =
    raw.activeAt && !Number.isNaN(Date.parse(raw.activeAt)) ? new Date(raw.activeAt).toISOString() : null;
  return {
    name: labels.alertname ?? '',
    state: raw.state === 'firing' ? 'firing' : 'pending',
    severity: labels.severity ?? null,
    labels,
    annotations: raw.annotations ?? {},
    activeAt,
    value: Number.isFinite(value) ? value : null,
    silenced: silencedBy.length > 0,
    inhibited: inhibitedBy.length > 0,
    silencedBy,
    inhibitedBy,
  };
}

/** Firing before pending, then by severity, then the longest-running first. */
function byImportance(a: Alert, b: Alert): number {
  return (
    Number(b.state === 'firing') - Number(a.state === 'firing') ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.activeAt ?? '').localeCompare(b.activeAt ?? '') ||
    a.name.localeCompare(b.name)
  );
}
