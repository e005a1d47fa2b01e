import { describe, expect, it } from 'vitest';
import { NODE_ERROR, recordedTargets } from '../../components/targets/testFixtures.ts';
import {
  decodeTargetFilters,
  encodeTargetFilters,
  filterTargets,
  groupTargetsByJob,
  hasTargetFilters,
  NO_TARGET_FILTERS,
  worstHealth,
  type TargetFilters,
} from './targetFilters.ts';

function roundTrip(filters: TargetFilters): TargetFilters {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(encodeTargetFilters(filters)))
    if (value !== undefined) params.set(name, value);
  return decodeTargetFilters(`?${params}`);
}

const { targets } = recordedTargets;
const instances = (list: { instance: string }[]) => list.map((target) => target.instance);

describe('target filters in the URL', () => {
  it.each<TargetFilters>([
    NO_TARGET_FILTERS,
    { health: ['down'], job: undefined, q: '' },
    { health: ['up', 'down', 'unknown'], job: 'node', q: '' },
    { health: ['down', 'unknown'], job: 'postgres exporter', q: 'connection refused' },
    { health: [], job: undefined, q: 'env=staging & job=a,b ' },
  ])('survives encode and decode: %j', (filters) => {
    expect(roundTrip(filters)).toEqual(filters);
  });

  it('removes unset filters from the URL', () => {
    expect(encodeTargetFilters(NO_TARGET_FILTERS)).toEqual({ health: undefined, job: undefined, q: undefined });
  });

  it('writes healths in one order whatever order they were chosen in', () => {
    expect(encodeTargetFilters({ ...NO_TARGET_FILTERS, health: ['unknown', 'down'] }).health).toBe('down,unknown');
  });

  it.each(['', '?health=sideways', '?health=&job=&q='])('reads %s as no filter', (search) => {
    expect(decodeTargetFilters(search)).toEqual(NO_TARGET_FILTERS);
    expect(hasTargetFilters(decodeTargetFilters(search))).toBe(false);
  });
});

describe('filterTargets', () => {
  it('keeps the chosen healths', () => {
    expect(instances(filterTargets(targets, { ...NO_TARGET_FILTERS, health: ['down', 'unknown'] }))).toEqual([
      '127.0.0.1:39100',
      '10.0.4.17:9100',
    ]);
  });

  it('keeps one job', () => {
    expect(filterTargets(targets, { ...NO_TARGET_FILTERS, job: 'node' })).toHaveLength(2);
  });

  it('searches the job, instance, labels and last error', () => {
    const search = (q: string) => instances(filterTargets(targets, { ...NO_TARGET_FILTERS, q }));
    expect(search('refused')).toEqual(['127.0.0.1:39100']);
    expect(search('env=staging')).toEqual(['10.0.4.17:9100']);
    expect(search('39187')).toEqual(['127.0.0.1:39187']);
    expect(search('PROMETHEUS')).toEqual(['127.0.0.1:39090']);
    expect(search('nothing-like-this')).toEqual([]);
  });

  it('combines the filters', () => {
    expect(instances(filterTargets(targets, { health: ['down'], job: 'node', q: NODE_ERROR }))).toEqual([
      '127.0.0.1:39100',
    ]);
    expect(filterTargets(targets, { health: ['down'], job: 'demo', q: '' })).toEqual([]);
  });
});

describe('groupTargetsByJob', () => {
  it('groups by job in alphabetical order, counting the up targets', () => {
    const groups = groupTargetsByJob([...targets].reverse());
    expect(groups.map((group) => [group.job, group.up, group.targets.length])).toEqual([
      ['alertmanager', 1, 1],
      ['demo', 1, 1],
      ['node', 0, 2],
      ['postgres', 1, 1],
      ['prometheus', 1, 1],
    ]);
  });

  it('shows a group as down if any target is, else unknown if any is', () => {
    const node = targets.filter((target) => target.job === 'node');
    expect(worstHealth(node)).toBe('down');
    expect(worstHealth(node.filter((target) => target.health !== 'down'))).toBe('unknown');
    expect(worstHealth(targets.filter((target) => target.health === 'up'))).toBe('up');
  });
});
