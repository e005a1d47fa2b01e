import type { Target, Targets } from '@promwall/core/schemas';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';

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
    const targets = body.data.activeTargets
      .map(toTarget)
      .sort((a, b) => a.job.localeCompare(b.job) || a.instance.localeCompare(b.instance));
    const count = (health: Target['health']) => targets.filter((target) => target.health === health).length;
    return {
      generatedAt: new Date(this.now()).toISOString(),
      counts: { up: count('up'), down: count('down'), unknown: count('unknown'), total: targets.length },
      targets,
    };
  }
}

export function toTarget(raw: UpstreamTarget): Target {
  const labels = raw.labels ?? {};
  // A target never scraped yet: Prometheus says Go's zero time (year 1), VictoriaMetrics the
  // Unix epoch, and VictoriaMetrics calls it down. Neither is a scrape, nor a known health.
  const scrapedAt = raw.lastScrape ? Date.parse(raw.lastScrape) : Number.NaN;
  const lastScrape = scrapedAt > 0 ? new Date(scrapedAt).toISOString() : null;
  const health = lastScrape && (raw.health === 'up' || raw.health === 'down') ? raw.health : 'unknown';
  return {
    job: labels.job ?? raw.scrapePool ?? '',
    instance: labels.instance ?? '',
    health,
    lastScrape,
    lastScrapeDurationSeconds: typeof raw.lastScrapeDuration === 'number' && lastScrape ? raw.lastScrapeDuration : null,
    lastError: raw.lastError ?? '',
    scrapeUrl: raw.scrapeUrl ?? '',
    labels,
  };
}
