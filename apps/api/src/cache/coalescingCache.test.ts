import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics.ts';
import { CoalescingCache } from './coalescingCache.ts';

/** Lets loads that have settled be stored. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup({ ttlMs = 1_000, staleWhileRevalidateMs = 0, maxEntries = 100 } = {}) {
  let clock = 0;
  const metrics = createMetrics();
  const cache = new CoalescingCache<number>({
    name: 'test',
    ttlMs,
    staleWhileRevalidateMs,
    maxEntries,
    metrics,
    now: () => clock,
    // Negative numbers play the failures: cached for the TTL, never answered past it.
    isUsable: (value) => value >= 0,
  });
  let loads = 0;
  const load = () => {
    loads += 1;
    return new Promise<number>((resolve) => setTimeout(() => resolve(loads), 5));
  };
  /** A load that waits until `settle` is called, to hold a refresh in flight. */
  const held = () => {
    let settle: (value: number) => void = () => undefined;
    const run = () => {
      loads += 1;
      return new Promise<number>((resolve) => (settle = resolve));
    };
    return { run, settle: (value: number) => settle(value) };
  };
  const events = async () =>
    Object.fromEntries((await metrics.cacheEvents.get()).values.map((value) => [value.labels.result, value.value]));
  return { cache, load, held, loads: () => loads, advance: (ms: number) => (clock += ms), events };
}

describe('CoalescingCache', () => {
  it('shares one load among concurrent callers', async () => {
    const { cache, load, loads, events } = setup();
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    expect(loads()).toBe(1);
    expect(new Set(values)).toEqual(new Set([1]));
    expect(await events()).toEqual({ miss: 1, coalesced: 49 });
  });

  it('answers from the cache within the TTL and, without stale-while-revalidate, waits for a new load after it', async () => {
    const { cache, load, loads, advance, events } = setup({ ttlMs: 1_000 });
    await cache.get('k', load);
    advance(999);
    expect(await cache.get('k', load)).toBe(1);
    advance(1);
    expect(await cache.get('k', load)).toBe(2);
    expect(loads()).toBe(2);
    expect(await events()).toEqual({ miss: 2, hit: 1 });
  });

  it('keeps keys apart', async () => {
    const { cache, load } = setup();
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    expect(await cache.get('a', load)).toBe(1);
  });

  it('does not keep a rejected load, so the next call tries again', async () => {
    const { cache, load } = setup();
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', load)).toBe(1);
  });

  it('holds at most maxEntries keys, dropping the least recently loaded', async () => {
    const { cache, load } = setup({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.get(key, load);
    expect(cache.size).toBe(3);
    expect(await cache.get('e', load)).toBe(5);
    expect(await cache.get('a', load)).toBe(6);
  });

  it('drops expired entries on a sweep, keeping fresh ones and loads in flight', async () => {
    const { cache, load, advance } = setup({ ttlMs: 1_000 });
    await cache.get('old', load);
    advance(600);
    await cache.get('fresh', load);
    advance(500);
    const inFlight = cache.get('loading', load);

    cache.sweep();

    expect(cache.size).toBe(2);
    await inFlight;
    advance(1_000);
    cache.sweep();
    expect(cache.size).toBe(0);
  });

  it('keeps a usable value through its stale-while-revalidate bound, a failure only through its TTL', async () => {
    const { cache, advance } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('good', async () => 1);
    await cache.get('failed', async () => -1);
    advance(2_000);

    cache.sweep();

    expect(cache.size).toBe(1);
    expect(cache.lastUsable('good')?.value).toBe(1);
    advance(2_000);
    cache.sweep();
    expect(cache.size).toBe(0);
  });

  it('keeps a last usable value for as long as asked, behind a failure', async () => {
    const { cache, advance } = setup({ ttlMs: 1_000 });
    await cache.get('k', async () => 1);
    advance(1_000);
    await cache.get('k', async () => -1);
    advance(5_000);

    cache.sweep(10_000);

    expect(cache.lastUsable('k')?.value).toBe(1);
    advance(5_000);
    cache.sweep(10_000);
    expect(cache.size).toBe(0);
  });
});

describe('CoalescingCache past the TTL (stale-while-revalidate)', () => {
  it('answers the previous value at once while one background load refreshes it', async () => {
    const { cache, load, held, loads, advance, events } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('k', load);
    advance(1_500);
    const refresh = held();

    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', refresh.run)));

    expect(answers).toEqual(Array.from({ length: 20 }, () => 1));
    expect(loads()).toBe(2);
    refresh.settle(7);
    await settled();
    expect(await cache.get('k', load)).toBe(7);
    expect(await events()).toEqual({ miss: 1, stale: 20, hit: 1 });
  });

  it('waits for a new load once the value is older than TTL plus the bound', async () => {
    const { cache, load, advance, events } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('k', load);
    advance(4_000);

    expect(await cache.get('k', load)).toBe(2);
    expect(await events()).toEqual({ miss: 2 });
  });

  it('joins the refresh in flight, rather than start another, once past the bound', async () => {
    const { cache, load, held, loads, advance } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('k', load);
    advance(1_500);
    const refresh = held();
    expect(await cache.get('k', refresh.run)).toBe(1);
    advance(3_000);

    const waiting = cache.get('k', load);
    refresh.settle(9);

    expect(await waiting).toBe(9);
    expect(loads()).toBe(2);
  });

  it('never answers a failure past its TTL, and keeps the last usable value beside it', async () => {
    const { cache, advance } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('k', async () => 5);
    advance(1_000);
    // The refresh fails: the previous value is answered once more while it runs.
    expect(await cache.get('k', async () => -1)).toBe(5);
    await settled();
    expect(await cache.get('k', async () => 6)).toBe(-1);
    advance(1_000);

    expect(await cache.get('k', async () => 6)).toBe(6);
    expect(cache.lastUsable('k')).toEqual({ value: 6, storedAt: 2_000 });
  });

  it('keeps the last usable value through failures', async () => {
    const { cache, advance } = setup({ ttlMs: 1_000 });
    await cache.get('k', async () => 5);
    advance(1_000);
    await cache.get('k', async () => -1);
    advance(1_000);
    await cache.get('k', async () => -2);

    expect(cache.lastUsable('k')).toEqual({ value: 5, storedAt: 0 });
  });

  it('does not let a failed background refresh escape as an unhandled rejection', async () => {
    const { cache, advance } = setup({ ttlMs: 1_000, staleWhileRevalidateMs: 3_000 });
    await cache.get('k', async () => 5);
    advance(1_500);

    expect(await cache.get('k', () => Promise.reject(new Error('boom')))).toBe(5);
    await settled();
    expect(await cache.get('k', async () => 6)).toBe(5);
  });
});
