import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';
import { expect, it } from 'vitest';
import type { DisplayLimits, DisplaysStore } from '../../src/displays/displays.store.ts';

/** A store under test, empty, with a way to let time pass for it. */
export interface DisplaysStoreUnderTest {
  store: DisplaysStore;
  /** Makes every wall's last heartbeat `ms` older, as if that much time had passed. */
  advance(ms: number): Promise<void>;
}

const beat = (id: string) => ({ id, version: '1', page: '/tv', refreshMs: 10_000, lastRefreshAt: null });
const from = (address: string) => ({ address, userAgent: 'TV' });

/**
 * The rules every displays store keeps against a flood of heartbeats (see displays.store.ts),
 * run against the memory store and the PostgreSQL one alike. `floodPerRound` ids are sent in
 * each of ten heartbeat intervals by 250 addresses.
 */
export function displaysStoreContract(
  make: (limits: DisplayLimits) => Promise<DisplaysStoreUnderTest>,
  { floodPerRound = 1_000 } = {},
): void {
  const ids = async (store: DisplaysStore) => (await store.list()).map((display) => display.id);

  it('never evicts a wall that is reporting, however many ids a flood sends', async () => {
    const { store, advance } = await make({ maxDisplays: 20, maxPerAddress: 5 });
    const walls = ['lobby', 'noc-1', 'noc-2'];
    for (const [i, id] of walls.entries()) await store.record(beat(id), from(`10.0.0.${i}`));

    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < floodPerRound; i++)
        await store.record(beat(`fake-${round}-${i}`), from(`192.0.2.${i % 250}`));
      for (const [i, id] of walls.entries()) await store.record(beat(id), from(`10.0.0.${i}`));
      await advance(DISPLAY_HEARTBEAT_MS);
    }

    const listed = await ids(store);
    expect(listed).toEqual(expect.arrayContaining(walls));
    expect(listed.length).toBeLessThanOrEqual(20);
  });

  it('refuses a new id once the list is full of walls that report', async () => {
    const { store } = await make({ maxDisplays: 3, maxPerAddress: 5 });
    for (const id of ['a', 'b', 'c']) await store.record(beat(id), from('10.0.0.1'));

    expect(await store.record(beat('d'), from('10.0.0.2'))).toBe('full');
    expect(await ids(store)).toEqual(['a', 'b', 'c']);
  });

  it('makes room by forgetting the wall heard from least recently, once it has gone quiet', async () => {
    const { store, advance } = await make({ maxDisplays: 3, maxPerAddress: 5 });
    for (const id of ['a', 'b', 'c']) await store.record(beat(id), from('10.0.0.1'));
    await advance(4 * DISPLAY_HEARTBEAT_MS);
    await store.record(beat('b'), from('10.0.0.1'));
    await store.record(beat('c'), from('10.0.0.1'));

    expect(await store.record(beat('d'), from('10.0.0.2'))).toBe('recorded');
    expect(await ids(store)).toEqual(['b', 'c', 'd']);
  });

  it('does not let another address keep a reporting wall’s id alive, nor take it over', async () => {
    const { store } = await make({ maxDisplays: 20, maxPerAddress: 5 });
    await store.record(beat('lobby'), from('10.0.0.1'));

    expect(await store.record(beat('lobby'), from('192.0.2.66'))).toBe('id_taken');
    expect((await store.list())[0]).toMatchObject({ id: 'lobby', address: '10.0.0.1' });
  });

  it('lets a wall that moved to another address report under its id once the old one went quiet', async () => {
    const { store, advance } = await make({ maxDisplays: 20, maxPerAddress: 5 });
    await store.record(beat('lobby'), from('10.0.0.1'));
    await advance(4 * DISPLAY_HEARTBEAT_MS);

    expect(await store.record(beat('lobby'), from('10.0.0.9'))).toBe('recorded');
    expect((await store.list())[0]).toMatchObject({ id: 'lobby', address: '10.0.0.9', alive: true });
  });

  it('caps the walls one address may add', async () => {
    const { store } = await make({ maxDisplays: 20, maxPerAddress: 2 });
    await store.record(beat('a'), from('10.0.0.1'));
    await store.record(beat('b'), from('10.0.0.1'));

    expect(await store.record(beat('c'), from('10.0.0.1'))).toBe('address_full');
    expect(await store.record(beat('a'), from('10.0.0.1'))).toBe('recorded');
    expect(await store.record(beat('c'), from('10.0.0.2'))).toBe('recorded');
  });
}
