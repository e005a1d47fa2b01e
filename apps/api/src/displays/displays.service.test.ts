import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';
import { describe, expect, it } from 'vitest';
import { DisplaysService } from './displays.service.ts';

const beat = (id: string) => ({ id, version: '1', page: '/tv', refreshMs: 10_000, lastRefreshAt: null });
const from = (address: string) => ({ address, userAgent: 'TV' });

function setup(max = 20, perAddress = 5) {
  let clock = 1_000_000;
  const service = new DisplaysService({ maxDisplays: max, maxPerAddress: perAddress }, () => clock);
  return { service, advance: (ms: number) => (clock += ms) };
}

describe('DisplaysService', () => {
  it('never evicts a wall that is reporting, however many ids a flood sends', () => {
    const { service, advance } = setup(20, 5);
    const walls = ['lobby', 'noc-1', 'noc-2'];
    walls.forEach((id, i) => service.record(beat(id), from(`10.0.0.${i}`)));

    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1_000; i++) service.record(beat(`fake-${round}-${i}`), from(`192.0.2.${i % 250}`));
      walls.forEach((id, i) => service.record(beat(id), from(`10.0.0.${i}`)));
      advance(DISPLAY_HEARTBEAT_MS);
    }

    const listed = service.list().map((display) => display.id);
    expect(listed).toEqual(expect.arrayContaining(walls));
    expect(listed.length).toBeLessThanOrEqual(20);
  });

  it('refuses a new id once the list is full of walls that report', () => {
    const { service } = setup(3, 5);
    ['a', 'b', 'c'].forEach((id) => service.record(beat(id), from('10.0.0.1')));

    expect(service.record(beat('d'), from('10.0.0.2'))).toBe('full');
    expect(service.list().map((display) => display.id)).toEqual(['a', 'b', 'c']);
  });

  it('makes room by forgetting the wall heard from least recently, once it has gone quiet', () => {
    const { service, advance } = setup(3, 5);
    ['a', 'b', 'c'].forEach((id) => service.record(beat(id), from('10.0.0.1')));
    advance(4 * DISPLAY_HEARTBEAT_MS);
    service.record(beat('b'), from('10.0.0.1'));
    service.record(beat('c'), from('10.0.0.1'));

    expect(service.record(beat('d'), from('10.0.0.2'))).toBe('recorded');
    expect(service.list().map((display) => display.id)).toEqual(['b', 'c', 'd']);
  });

  it('does not let another address keep a reporting wall’s id alive, nor take it over', () => {
    const { service } = setup();
    service.record(beat('lobby'), from('10.0.0.1'));

    expect(service.record(beat('lobby'), from('192.0.2.66'))).toBe('id_taken');
    expect(service.list()[0]).toMatchObject({ id: 'lobby', address: '10.0.0.1' });
  });

  it('lets a wall that moved to another address report under its id once the old one went quiet', () => {
    const { service, advance } = setup();
    service.record(beat('lobby'), from('10.0.0.1'));
    advance(4 * DISPLAY_HEARTBEAT_MS);

    expect(service.record(beat('lobby'), from('10.0.0.9'))).toBe('recorded');
    expect(service.list()[0]).toMatchObject({ id: 'lobby', address: '10.0.0.9', alive: true });
  });

  it('caps the walls one address may add', () => {
    const { service } = setup(20, 2);
    service.record(beat('a'), from('10.0.0.1'));
    service.record(beat('b'), from('10.0.0.1'));

    expect(service.record(beat('c'), from('10.0.0.1'))).toBe('address_full');
    expect(service.record(beat('a'), from('10.0.0.1'))).toBe('recorded');
    expect(service.record(beat('c'), from('10.0.0.2'))).toBe('recorded');
  });
});
