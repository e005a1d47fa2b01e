import type { ApiMetrics } from '../metrics/metrics.ts';

export interface CacheOptions<V> {
  /** The `cache` label of Promwall's cache metrics. */
  name: string;
  ttlMs: number;
  /**
   * How long past its TTL a usable value is still answered at once while one refresh per key runs
   * in the background (0: never; callers then wait for the new load).
   */
  staleWhileRevalidateMs?: number;
  /** Keys kept at most; the least recently loaded go first. */
  maxEntries: number;
  metrics: ApiMetrics;
  now?: () => number;
  /**
   * Whether a loaded value may be answered past its TTL and kept as the key's last usable value.
   * A failure is cached for the TTL like any value, but never stands in for a good answer.
   */
  isUsable?: (value: V) => boolean;
}

interface Stored<V> {
  value: V;
  storedAt: number;
}

interface Entry<V> {
  /** The last load's outcome, usable or not. */
  latest?: Stored<V>;
  /** The last usable outcome, which may be older than `latest`. */
  lastUsable?: Stored<V>;
  inFlight?: Promise<V>;
}

export type CacheResult = 'hit' | 'stale' | 'miss' | 'coalesced';

/**
 * A short-lived cache in which concurrent requests for one key share one load: under any number
 * of clients, the upstream sees at most one round per key per TTL. Past the TTL, a usable value
 * is still answered at once while a single background load refreshes it (stale-while-revalidate),
 * so no client waits on the upstream while a usable answer exists; past that bound, callers wait.
 * Loads should not reject (they return their failure as a value) so that failures are cached too
 * and a down upstream is not hammered.
 */
export class CoalescingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly name: string;
  private readonly ttlMs: number;
  private readonly staleWhileRevalidateMs: number;
  private readonly maxEntries: number;
  private readonly metrics: ApiMetrics;
  private readonly now: () => number;
  private readonly isUsable: (value: V) => boolean;

  constructor(options: CacheOptions<V>) {
    this.name = options.name;
    this.ttlMs = options.ttlMs;
    this.staleWhileRevalidateMs = options.staleWhileRevalidateMs ?? 0;
    this.maxEntries = options.maxEntries;
    this.metrics = options.metrics;
    this.now = options.now ?? Date.now;
    this.isUsable = options.isUsable ?? (() => true);
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    const latest = entry?.latest;
    if (entry && latest) {
      const age = this.now() - latest.storedAt;
      if (age < this.ttlMs) {
        this.count('hit');
        return Promise.resolve(latest.value);
      }
      if (latest === entry.lastUsable && age < this.ttlMs + this.staleWhileRevalidateMs) {
        this.count('stale');
        if (!entry.inFlight) this.load(key, entry, load);
        return Promise.resolve(latest.value);
      }
    }
    if (entry?.inFlight) {
      this.count('coalesced');
      return entry.inFlight;
    }
    this.count('miss');
    return this.load(key, entry ?? {}, load);
  }

  /** The key's last usable value and when it was loaded, however old. */
  lastUsable(key: string): Stored<V> | undefined {
    return this.entries.get(key)?.lastUsable;
  }

  /**
   * Drops the entries that can no longer be answered (past the TTL, or past the stale bound for a
   * usable value) and whose last usable value is older than `keepUsableForMs`, unless a load is
   * refreshing them: a burst of distinct keys or one huge answer does not stay in memory until
   * newer ones evict it.
   */
  sweep(keepUsableForMs = 0): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.inFlight) continue;
      const { latest, lastUsable } = entry;
      const answerableFor = latest === lastUsable ? this.ttlMs + this.staleWhileRevalidateMs : this.ttlMs;
      const answerable = latest !== undefined && now - latest.storedAt < answerableFor;
      const kept = lastUsable !== undefined && now - lastUsable.storedAt < keepUsableForMs;
      if (!answerable && !kept) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private load(key: string, entry: Entry<V>, load: () => Promise<V>): Promise<V> {
    const inFlight = load().then(
      (value) => {
        const stored = { value, storedAt: this.now() };
        entry.latest = stored;
        if (this.isUsable(value)) entry.lastUsable = stored;
        entry.inFlight = undefined;
        // Re-inserted so that the Map's order stays least-recently-loaded first, for eviction.
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.evict();
        return value;
      },
      (error: unknown) => {
        entry.inFlight = undefined;
        if (!entry.latest) this.entries.delete(key);
        throw error;
      },
    );
    // A background refresh has no caller to hear its rejection; callers that wait still do.
    inFlight.catch(() => undefined);
    entry.inFlight = inFlight;
    if (!this.entries.has(key)) this.entries.set(key, entry);
    this.evict();
    return inFlight;
  }

  private evict(): void {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) return;
      if (!entry.inFlight) this.entries.delete(key);
    }
  }

  private count(result: CacheResult): void {
    this.metrics.cacheEvents.inc({ cache: this.name, result });
  }
}
