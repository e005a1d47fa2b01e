import { promqlString } from '@promwall/core/promql';
import type { Target, Targets } from '@promwall/core/schemas';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';

/**
 * Where a down target's last success is looked for, finest first: a recent outage to the second,
 * an older one to the minute, none older than a day.
 */
const DOWN_SINCE_LOOKUPS = [
  { range: '15m', step: '1s' },
  { range: '1d', step: '1m' },
] as const;
/** Down targets whose start of outage is looked up; past this many the rest say only "down". */
const MAX_DOWN_SINCE = 50;

/** Prometheus's /api/v1/targets, as far as Promwall reads it; VictoriaMetrics leaves some out. */
interface UpstreamTarget {
  labels?: Record<string, string>;
  scrapePool?: string;
  scrapeUrl?: string;
  lastError?: string;
  lastScrape?: string;
  lastScrapeDuration?: number;
  health?: string;
}

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export class TargetsService {
  private readonly cache: CoalescingCache<JsonBytes<Targets> | UpstreamError>;

  constructor(
    private readonly client: UpstreamClient,
    cache: Config['cache'],
    metrics: ApiMetrics,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new CoalescingCache({
      name: 'targets',
      ttlMs: cache.ttlMs,
      staleWhileRevalidateMs: cache.staleWhileRevalidateMs,
      maxEntries: 1,
      metrics,
      now,
      isUsable: (targets) => !(targets instanceof UpstreamError),
    });
  }

  /** Drops the cached answer once it can no longer be answered. */
  sweep(): void {
    this.cache.sweep();
  }

  async targets(): Promise<JsonBytes<Targets>> {
    return loadCached(this.cache, 'active', this.client.name, async () => new JsonBytes(await this.load()));
  }

  private async load(): Promise<Targets> {
    const body = (await this.client.getJson(
      '/api/v1/targets',
      new URLSearchParams({ state: 'active' }),
      'targets',
    )) as {
      data: { activeTargets: UpstreamTarget[] };
    };
    const raw = body.data.activeTargets;
    const since = await this.downSince(raw);
    const targets = raw
      .map((target) => toTarget(target, since))
      .sort((a, b) => a.job.localeCompare(b.job) || a.instance.localeCompare(b.instance));
    const count = (health: Target['health']) => targets.filter((target) => target.health === health).length;
    return {
      generatedAt: new Date(this.now()).toISOString(),
      counts: { up: count('up'), down: count('down'), unknown: count('unknown'), total: targets.length },
      targets,
    };
  }

  /**
   * When each down target's outage began, keyed by job and instance, from one query: the last
   * step of a subquery at which its `up` still read 1, so to within the step.
   * A failure leaves the times out rather than failing the targets.
   */
  private async downSince(raw: readonly UpstreamTarget[]): Promise<Map<string, number>> {
    const down = raw.filter((target) => target.health === 'down' && target.labels).slice(0, MAX_DOWN_SINCE);
    if (down.length === 0) return new Map();
    const wasUp = down
      .map(
        ({ labels }) =>
          `up{job=${promqlString(labels!.job ?? '')},instance=${promqlString(labels!.instance ?? '')}} == 1`,
      )
      .join(' or ');
    // `or` keeps the finer lookup's answer where it has one.
    const query = DOWN_SINCE_LOOKUPS.map(
      ({ range, step }) => `max by (job, instance) (max_over_time(timestamp(${wasUp})[${range}:${step}]))`,
    ).join(' or ');
    try {
      const body = (await this.client.getJson('/api/v1/query', new URLSearchParams({ query }), 'query')) as {
        data: { result: VectorSample[] };
      };
      return new Map(
        body.data.result.map((row) => [targetKey(row.metric.job, row.metric.instance), Number(row.value[1]) * 1000]),
      );
    } catch {
      return new Map();
    }
  }
}

const targetKey = (job: string | undefined, instance: string | undefined) =>
  JSON.stringify([job ?? '', instance ?? '']);

/** A target as the API answers it; `downSince` holds, per down target, when its outage began. */
export function toTarget(raw: UpstreamTarget, downSince: ReadonlyMap<string, number> = new Map()): Target {
  const labels = raw.labels ?? {};
  // A target never scraped yet: Prometheus says Go's zero time (year 1), VictoriaMetrics the
  // Unix epoch, and VictoriaMetrics calls it down. Neither is a scrape, nor a known health.
  const scrapedAt = raw.lastScrape ? Date.parse(raw.lastScrape) : Number.NaN;
  const lastScrape = scrapedAt > 0 ? new Date(scrapedAt).toISOString() : null;
  const health = lastScrape && (raw.health === 'up' || raw.health === 'down') ? raw.health : 'unknown';
  const since = health === 'down' ? downSince.get(targetKey(labels.job, labels.instance)) : undefined;
  return {
    job: labels.job ?? raw.scrapePool ?? '',
    instance: labels.instance ?? '',
    health,
    lastScrape,
    lastScrapeDurationSeconds: typeof raw.lastScrapeDuration === 'number' && lastScrape ? raw.lastScrapeDuration : null,
    lastError: raw.lastError ? raw.lastError : null,
    downSince: since === undefined ? null : new Date(since).toISOString(),
    scrapeUrl: raw.scrapeUrl ? raw.scrapeUrl : null,
    labels,
  };
}
