import { describe, expect, it } from 'vitest';
import { decodeChoices, decodeList, encodeList, labelPairs, matchesText, toggleChoice } from './listFilters.ts';

describe('list filter helpers', () => {
  it('reads the allowed choices of a comma list in their canonical order, once each', () => {
    expect(decodeChoices('unknown,down,bogus,down', ['up', 'down', 'unknown'])).toEqual(['down', 'unknown']);
    expect(decodeChoices(null, ['up', 'down'])).toEqual([]);
  });

  it('reads a free comma list without blanks or repeats', () => {
    expect(decodeList(' warning,,critical,warning ')).toEqual(['warning', 'critical']);
    expect(decodeList('')).toEqual([]);
  });

  it('leaves an empty list out of the URL', () => {
    expect(encodeList([])).toBeUndefined();
    expect(encodeList(['down', 'unknown'])).toBe('down,unknown');
  });

  it('toggles a choice on and off', () => {
    expect(toggleChoice(['up'], 'down')).toEqual(['up', 'down']);
    expect(toggleChoice(['up', 'down'], 'up')).toEqual(['down']);
  });

  it('matches every word of the query, case-insensitively, anywhere in the fields', () => {
    const fields = ['node', '127.0.0.1:39100', ...labelPairs({ env: 'Staging' }), 'connection refused'];
    expect(matchesText(fields, '')).toBe(true);
    expect(matchesText(fields, '  REFUSED   node ')).toBe(true);
    expect(matchesText(fields, 'env=staging')).toBe(true);
    expect(matchesText(fields, 'node timeout')).toBe(false);
  });
});
