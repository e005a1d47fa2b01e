import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics.ts';
import { CoalescingCache } from './coalescingCache.ts';

function setup(ttlMs = 1_000, maxEntries = 100) {
  let clock = 0;
  const metrics = createMetrics();
  const cache = new CoalescingCache<number>('test', ttlMs, metrics, maxEntries, () => clock);
  let loads = 0;
  const load = () => {
    loads += 1;
    return new Promise<number>((resolve) => setTimeout(() => resolve(loads), 5));
  };
  const events = async () =>
    Object.fromEntries((await metrics.cacheEvents.get()).values.map((value) => [value.labels.result, value.value]));
  return { cache, load, loads: () => loads, advance: (ms: number) => (clock += ms), events };
}

describe('CoalescingCache', () => {
  it('shares one load among concurrent callers', async () => {
    const { cache, load, loads, events } = setup();
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    expect(loads()).toBe(1);
    expect(new Set(values)).toEqual(new Set([1]));
    expect(await events()).toEqual({ miss: 1, coalesced: 49 });
  });

  it('answers from the cache within the TTL and loads again after it', async () => {
    const { cache, load, loads, advance, events } = setup(1_000);
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

  it('holds at most maxEntries keys, dropping the oldest', async () => {
    const { cache, load } = setup(1_000, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.get(key, load);
    expect(cache.size).toBe(3);
    expect(await cache.get('e', load)).toBe(5);
    expect(await cache.get('a', load)).toBe(6);
  });

  it('drops expired entries on a sweep, keeping fresh ones and loads in flight', async () => {
    const { cache, load, advance } = setup(1_000);
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

  it('keeps entries for a longer age when asked to', async () => {
    const { cache, load, advance } = setup(1_000);
    await cache.get('k', load);
    advance(5_000);

    cache.sweep(10_000);

    expect(cache.size).toBe(1);
  });
});
