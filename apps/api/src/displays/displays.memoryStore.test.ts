import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';
import { describe, expect, it } from 'vitest';
import { MemoryDisplaysStore } from './displays.memoryStore.ts';

const beat = (id: string) => ({ id, version: '1', page: '/tv', refreshMs: 10_000, lastRefreshAt: null });
const from = (address: string) => ({ address, userAgent: 'TV' });

function setup(max = 20, perAddress = 5) {
  let clock = 1_000_000;
  const service = new MemoryDisplaysStore({ maxDisplays: max, maxPerAddress: perAddress }, () => clock);
  return { service, advance: (ms: number) => (clock += ms) };
}

describe('MemoryDisplaysStore', () => {
  it('never evicts a wall that is reporting, however many ids a flood sends', async () => {
    const { service, advance } = setup(20, 5);
    const walls = ['lobby', 'noc-1', 'noc-2'];
    for (const [i, id] of walls.entries()) await service.record(beat(id), from(`10.0.0.${i}`));

    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1_000; i++) await service.record(beat(`fake-${round}-${i}`), from(`192.0.2.${i % 250}`));
      for (const [i, id] of walls.entries()) await service.record(beat(id), from(`10.0.0.${i}`));
      advance(DISPLAY_HEARTBEAT_MS);
    }

    const listed = (await service.list()).map((display) => display.id);
    expect(listed).toEqual(expect.arrayContaining(walls));
    expect(listed.length).toBeLessThanOrEqual(20);
  });

  it('refuses a new id once the list is full of walls that report', async () => {
    const { service } = setup(3, 5);
    for (const id of ['a', 'b', 'c']) await service.record(beat(id), from('10.0.0.1'));

    expect(await service.record(beat('d'), from('10.0.0.2'))).toBe('full');
    expect((await service.list()).map((display) => display.id)).toEqual(['a', 'b', 'c']);
  });

  it('makes room by forgetting the wall heard from least recently, once it has gone quiet', async () => {
    const { service, advance } = setup(3, 5);
    for (const id of ['a', 'b', 'c']) await service.record(beat(id), from('10.0.0.1'));
    advance(4 * DISPLAY_HEARTBEAT_MS);
    await service.record(beat('b'), from('10.0.0.1'));
    await service.record(beat('c'), from('10.0.0.1'));

    expect(await service.record(beat('d'), from('10.0.0.2'))).toBe('recorded');
    expect((await service.list()).map((display) => display.id)).toEqual(['b', 'c', 'd']);
  });

  it('does not let another address keep a reporting wall’s id alive, nor take it over', async () => {
    const { service } = setup();
    await service.record(beat('lobby'), from('10.0.0.1'));

    expect(await service.record(beat('lobby'), from('192.0.2.66'))).toBe('id_taken');
    expect((await service.list())[0]).toMatchObject({ id: 'lobby', address: '10.0.0.1' });
  });

  it('lets a wall that moved to another address report under its id once the old one went quiet', async () => {
    const { service, advance } = setup();
    await service.record(beat('lobby'), from('10.0.0.1'));
    advance(4 * DISPLAY_HEARTBEAT_MS);

    expect(await service.record(beat('lobby'), from('10.0.0.9'))).toBe('recorded');
    expect((await service.list())[0]).toMatchObject({ id: 'lobby', address: '10.0.0.9', alive: true });
  });

  it('caps the walls one address may add', async () => {
    const { service } = setup(20, 2);
    await service.record(beat('a'), from('10.0.0.1'));
    await service.record(beat('b'), from('10.0.0.1'));

    expect(await service.record(beat('c'), from('10.0.0.1'))).toBe('address_full');
    expect(await service.record(beat('a'), from('10.0.0.1'))).toBe('recorded');
    expect(await service.record(beat('c'), from('10.0.0.2'))).toBe('recorded');
  });
});
