import { describe, expect, it } from 'vitest';
import { AlertmanagerIndex, type AlertmanagerAlert } from './alertmanagerIndex.ts';

describe('AlertmanagerIndex', () => {
  const copies: AlertmanagerAlert[] = [
    { labels: { alertname: 'A', job: 'x', cluster: 'eu' }, status: { silencedBy: ['s1'] } },
    { labels: { alertname: 'A', job: 'y' }, status: { silencedBy: ['s2'] } },
  ];

  it('finds the copy whose labels include the alert’s, external labels and all', () => {
    const index = new AlertmanagerIndex(copies);

    expect(index.find({ alertname: 'A', job: 'x' })).toBe(copies[0]);
    expect(index.find({ alertname: 'A', job: 'y' })).toBe(copies[1]);
    expect(index.find({ alertname: 'A', job: 'z' })).toBeUndefined();
    expect(index.find({ job: 'y' })).toBe(copies[1]);
  });

  it('tells values apart that a separator would run together', () => {
    const index = new AlertmanagerIndex([{ labels: { alertname: 'A', a: 'x:1', b: '' } }]);

    expect(index.find({ alertname: 'A', a: 'x', b: ':1' })).toBeUndefined();
    expect(index.find({ alertname: 'A', a: 'x:1', b: '' })).toBeDefined();
  });

  it('past its projection budget, still matches identical label sets, but no longer supersets', () => {
    const index = new AlertmanagerIndex([...copies, { labels: { job: 'y', alertname: 'A' } }], 0);

    expect(index.find({ alertname: 'A', job: 'y' })).toBe(copies[1]);
    expect(index.find({ alertname: 'A', job: 'x' })).toBeUndefined();
  });
});
