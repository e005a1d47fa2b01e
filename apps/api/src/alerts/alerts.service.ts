import { setImmediate } from 'node:timers/promises';
import { NO_SEVERITY, SEVERITY_ORDER, severityRank } from '@promwall/core/alerts';
import type { Alert, Alerts, Silence } from '@promwall/core/schemas';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import { AlertmanagerIndex, type AlertmanagerAlert } from './alertmanagerIndex.ts';

type Severity = (typeof SEVERITY_ORDER)[number];

interface PrometheusAlert {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: string;
  activeAt?: string;
  value?: string;
}

/** Only what Promwall marks: silenced and inhibited alerts (Alertmanager's filters are ORed). */
const SUPPRESSED_ONLY = new URLSearchParams({
  active: 'false',
  silenced: 'true',
  inhibited: 'true',
  unprocessed: 'false',
});

/** Alerts merged between two turns of the event loop: a few milliseconds' work. */
const MERGE_SLICE = 2_000;

const compareText = new Intl.Collator('en').compare;
// ISO 8601 times in one zone sort as text; code points are ten times cheaper than a collation.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface AlertmanagerSilence {
  id?: unknown;
  createdBy?: unknown;
  comment?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  status?: { state?: unknown };
}

/** Firing and pending alerts from Prometheus, with Alertmanager's silences and inhibitions. */
export class AlertsService {
  private readonly cache: CoalescingCache<JsonBytes<Alerts> | UpstreamError>;
  /** Part of the cache key: a change made through Promwall (a silence) makes the next answer new. */
  private generation = 0;

  constructor(
    private readonly prometheus: UpstreamClient,
    private readonly alertmanager: UpstreamClient | undefined,
    cache: Config['cache'],
    private readonly limits: Pick<Config['limits'], 'maxAlerts'>,
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

  /** Drops the cached answer once it can no longer be answered, so that a storm's alerts do not stay in memory. */
  sweep(): void {
    this.cache.sweep();
  }

  async alerts(): Promise<JsonBytes<Alerts>> {
    return loadCached(
      this.cache,
      `all:${this.generation}`,
      this.prometheus.name,
      async () => new JsonBytes(await this.load()),
    );
  }

  /** Alertmanager's state changed through Promwall: the cached answer is out of date. */
  changed(): void {
    this.generation += 1;
  }

  private async load(): Promise<Alerts> {
    const [prometheus, alertmanager] = await Promise.all([
      this.prometheus.getJson('/api/v1/alerts', undefined, 'alerts') as Promise<{
        data: { alerts: PrometheusAlert[] };
      }>,
      this.alertmanagerAlerts(),
    ]);
    const managed = Array.isArray(alertmanager) ? alertmanager : [];
    const index = new AlertmanagerIndex(managed);
    const silences = await this.silencesOf(managed);
    const times = new TimeNormaliser();
    const alerts: Alert[] = [];
    const raws = prometheus.data.alerts;
    for (let start = 0; start < raws.length; start += MERGE_SLICE) {
      // A storm is merged in slices, the event loop answering other requests in between.
      if (start > 0) await setImmediate();
      for (const raw of raws.slice(start, start + MERGE_SLICE)) {
        if (raw.state === 'firing' || raw.state === 'pending') alerts.push(toAlert(raw, index, silences, times));
      }
    }
    alerts.sort(byImportance);
    const { maxAlerts } = this.limits;
    return {
      generatedAt: new Date(this.now()).toISOString(),
      alertmanager: alertmanager === 'not_configured' || alertmanager === 'unreachable' ? alertmanager : 'merged',
      counts: countAlerts(alerts),
      // A storm of thousands is read from its counts; the list keeps the most important.
      alerts: alerts.length > maxAlerts ? alerts.slice(0, maxAlerts) : alerts,
      ...(alerts.length > maxAlerts ? { truncated: { limit: maxAlerts, total: alerts.length } } : {}),
    };
  }

  /** Alertmanager's view is extra: when it fails, the alerts are still answered, marked so. */
  private async alertmanagerAlerts(): Promise<AlertmanagerAlert[] | 'not_configured' | 'unreachable'> {
    if (!this.alertmanager) return 'not_configured';
    try {
      const body = await this.alertmanager.getJson('/api/v2/alerts', SUPPRESSED_ONLY, 'alerts');
      return Array.isArray(body) ? (body as AlertmanagerAlert[]) : 'unreachable';
    } catch {
      return 'unreachable';
    }
  }

  /**
   * Who silenced what, until when: asked only when an alert is silenced, and extra like the rest
   * of Alertmanager's view (a failure leaves the ids without their details).
   */
  private async silencesOf(alertmanager: AlertmanagerAlert[]): Promise<Map<string, Silence>> {
    const byId = new Map<string, Silence>();
    if (!this.alertmanager || !alertmanager.some((alert) => alert.status?.silencedBy?.length)) return byId;
    let body: unknown;
    try {
      body = await this.alertmanager.getJson('/api/v2/silences', undefined, 'silences');
    } catch {
      return byId;
    }
    for (const raw of Array.isArray(body) ? (body as AlertmanagerSilence[]) : []) {
      const silence = toSilence(raw);
      if (silence && raw.status?.state === 'active') byId.set(silence.id, silence);
    }
    return byId;
  }
}

function toSilence({ id, createdBy, comment, startsAt, endsAt }: AlertmanagerSilence): Silence | undefined {
  if (typeof id !== 'string' || typeof startsAt !== 'string' || typeof endsAt !== 'string') return undefined;
  if (Number.isNaN(Date.parse(startsAt)) || Number.isNaN(Date.parse(endsAt))) return undefined;
  return {
    id,
    createdBy: typeof createdBy === 'string' ? createdBy : '',
    comment: typeof comment === 'string' ? comment : '',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  };
}

/** Alerts counted by state (firing and pending always present) and by severity (the known ones always present). */
export function countAlerts(alerts: readonly Alert[]): Alerts['counts'] {
  const tally = (pick: (alert: Alert) => string) =>
    alerts.reduce<Record<string, number>>((counts, alert) => {
      counts[pick(alert)] = (counts[pick(alert)] ?? 0) + 1;
      return counts;
    }, {});
  return {
    byState: { firing: 0, pending: 0, ...tally((alert) => alert.state) },
    bySeverity: {
      ...(Object.fromEntries(SEVERITY_ORDER.map((severity) => [severity, 0])) as Record<Severity, number>),
      ...tally((alert) => alert.severity ?? NO_SEVERITY),
    },
    total: alerts.length,
  };
}

/** RFC 3339 times as ISO 8601 in UTC; a storm's alerts share a few activeAt values, so each is parsed once. */
class TimeNormaliser {
  private readonly seen = new Map<string, string | null>();

  iso(text: string | undefined): string | null {
    if (!text) return null;
    let iso = this.seen.get(text);
    if (iso === undefined) {
      const ms = Date.parse(text);
      iso = Number.isNaN(ms) ? null : new Date(ms).toISOString();
      this.seen.set(text, iso);
    }
    return iso;
  }
}

function toAlert(
  raw: PrometheusAlert,
  alertmanager: AlertmanagerIndex,
  silences: Map<string, Silence>,
  times: TimeNormaliser,
): Alert {
  const labels = raw.labels ?? {};
  const managed = alertmanager.find(labels);
  const silencedBy = managed?.status?.silencedBy ?? [];
  const inhibitedBy = managed?.status?.inhibitedBy ?? [];
  const value = raw.value === undefined ? Number.NaN : Number(raw.value);
  const activeAt = times.iso(raw.activeAt);
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
    silences: silencedBy.flatMap((id) => silences.get(id) ?? []),
  };
}

/** Firing before pending, then by severity, then the longest-running first. */
function byImportance(a: Alert, b: Alert): number {
  return (
    Number(b.state === 'firing') - Number(a.state === 'firing') ||
    severityRank(a.severity) - severityRank(b.severity) ||
    byCodePoint(a.activeAt ?? '', b.activeAt ?? '') ||
    compareText(a.name, b.name)
  );
}
