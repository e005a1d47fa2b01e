import type { LinkedAlert } from '@promwall/core/schemas';
import type { LabelFilters } from '@promwall/core/promql';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';

/** Prometheus's /api/v1/rules?type=alert, as far as Promwall reads it. */
interface PrometheusRule {
  name?: string;
  type?: string;
  labels?: Record<string, string>;
  alerts?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    state?: string;
    activeAt?: string;
  }[];
}

export interface RuleAlert {
  labels: Record<string, string>;
  state: 'firing' | 'pending';
  activeAt: string | null;
  summary: string | null;
}

export interface AlertRule {
  name: string;
  severity: string | null;
  alerts: RuleAlert[];
}

/** Every alerting rule Prometheus evaluates, with its active alerts; one upstream request per TTL. */
export class AlertRulesService {
  private readonly cache: CoalescingCache<AlertRule[] | UpstreamError>;

  constructor(
    private readonly client: UpstreamClient,
    cache: Config['cache'],
    metrics: ApiMetrics,
    now: () => number = Date.now,
  ) {
    this.cache = new CoalescingCache({
      name: 'alert-rules',
      ttlMs: cache.ttlMs,
      staleWhileRevalidateMs: cache.staleWhileRevalidateMs,
      maxEntries: 1,
      metrics,
      now,
      isUsable: (rules) => !(rules instanceof UpstreamError),
    });
  }

  /** Drops the cached rules once they can no longer be answered. */
  sweep(): void {
    this.cache.sweep();
  }

  rules(): Promise<AlertRule[]> {
    return loadCached(this.cache, 'alert', this.client.name, () => this.load());
  }

  private async load(): Promise<AlertRule[]> {
    const body = (await this.client.getJson('/api/v1/rules', new URLSearchParams({ type: 'alert' }), 'rules')) as {
      data: { groups: { rules: PrometheusRule[] }[] };
    };
    return body.data.groups.flatMap((group) =>
      group.rules
        .filter((rule) => rule.type === 'alerting' && rule.name)
        .map((rule) => ({
          name: rule.name!,
          severity: rule.labels?.severity ?? null,
          alerts: (rule.alerts ?? [])
            .filter((alert) => alert.state === 'firing' || alert.state === 'pending')
            .map((alert) => ({
              labels: alert.labels ?? {},
              state: alert.state as RuleAlert['state'],
              activeAt:
                alert.activeAt && !Number.isNaN(Date.parse(alert.activeAt))
                  ? new Date(alert.activeAt).toISOString()
                  : null,
              summary: alert.annotations?.summary ?? null,
            })),
        })),
    );
  }
}

/**
 * The state of each named rule as a tile shows it: firing when any of its alerts fires, pending
 * when one is pending, else inactive; `missing` when Prometheus has no such rule. With filters
 * (a board's variables), an alert whose label differs from the selected value does not count; an
 * alert without that label (an aggregate over every instance) still does.
 */
export function linkedRuleStates(
  rules: readonly AlertRule[],
  names: readonly string[],
  filters: LabelFilters,
): LinkedAlert[] {
  return names.map((name) => {
    const matching = rules.filter((rule) => rule.name === name);
    if (matching.length === 0) return { name, state: 'missing', severity: null, activeAt: null, summary: null };
    const alerts = matching
      .flatMap((rule) => rule.alerts)
      .filter((alert) => Object.entries(filters).every(([label, value]) => (alert.labels[label] ?? value) === value));
    const firing = alerts.filter((alert) => alert.state === 'firing');
    const shown = firing.length > 0 ? firing : alerts;
    const earliest =
      shown
        .map((alert) => alert.activeAt)
        .filter((at) => at !== null)
        .sort()[0] ?? null;
    return {
      name,
      state: firing.length > 0 ? 'firing' : alerts.length > 0 ? 'pending' : 'inactive',
      severity: shown[0]?.labels.severity ?? matching[0]!.severity,
      activeAt: earliest,
      summary: shown[0]?.summary ?? null,
    };
  });
}
