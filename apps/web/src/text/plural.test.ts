import { describe, expect, it } from 'vitest';
import { countOf } from './plural.ts';

describe('countOf', () => {
  it('uses the singular for one and the plural for every other count', () => {
    expect(countOf(1, 'alert')).toBe('1 alert');
    expect(countOf(0, 'alert')).toBe('0 alerts');
    expect(countOf(2, 'target')).toBe('2 targets');
    expect(countOf(1_204, 'target')).toBe('1,204 targets');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'series', 'series')).toBe('1 series');
    expect(countOf(3, 'query', 'queries')).toBe('3 queries');
  });
});
