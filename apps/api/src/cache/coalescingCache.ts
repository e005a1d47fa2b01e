import type { ApiMetrics } from '../metrics/metrics.ts';

interface Entry<V> {
  value?: V;
  storedAt?: number;
  inFlight?: Promise<V>;
}

/**
 * A short-lived cache in which concurrent requests for one key share one load: under any number
 * of clients, the upstream sees at most one round per key per TTL. Loads must not reject (they
 * return their failure as a value) so that failures are cached too and a down upstream is not
 * hammered.
 */
export class CoalescingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly metrics: ApiMetrics,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry?.storedAt !== undefined && this.now() - entry.storedAt < this.ttlMs) {
      this.count('hit');
      return Promise.resolve(entry.value as V);
    }
    if (entry?.inFlight) {
      this.count('coalesced');
      return entry.inFlight;
    }
    this.count('miss');
    const inFlight = load().finally(() => {
      const current = this.entries.get(key);
      if (current) current.inFlight = undefined;
    });
    inFlight.then(
      (value) => {
        // Re-inserted so that the Map's order stays oldest-first for eviction.
        this.entries.delete(key);
        this.entries.set(key, { value, storedAt: this.now() });
        this.evict();
      },
      () => this.entries.delete(key),
    );
    this.entries.set(key, { ...entry, inFlight });
    return inFlight;
  }

  /**
   * Drops the entries older than `maxAgeMs` (the TTL by default) that no load is refreshing, so that
   * a burst of distinct keys or one huge answer does not stay in memory until evicted by newer ones.
   */
  sweep(maxAgeMs = this.ttlMs): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (!entry.inFlight && (entry.storedAt === undefined || now - entry.storedAt >= maxAgeMs))
        this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      if (!this.entries.get(key)?.inFlight) this.entries.delete(key);
    }
  }

  private count(result: 'hit' | 'miss' | 'coalesced'): void {
    this.metrics.cacheEvents.inc({ cache: this.name, result });
  }
}
