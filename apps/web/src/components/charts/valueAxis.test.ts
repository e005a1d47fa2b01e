import { describe, expect, it } from 'vitest';
import { stackedRange, valueAxis, valueAxisWidth, valueRange } from './valueAxis.ts';

describe('valueAxisWidth', () => {
  it('is wide enough for the longest label, so that `150 req/s` neither wraps nor is cut', () => {
    expect(valueAxisWidth(['0 req/s', '50 req/s', '100 req/s', '150 req/s'])).toBeGreaterThanOrEqual(70);
    expect(valueAxisWidth(['0 req/s', '50 req/s', '100 req/s', '150 req/s'])).toBeGreaterThan(
      valueAxisWidth(['0', '50', '100', '150']),
    );
  });

  it('keeps a minimum for short labels and for none', () => {
    expect(valueAxisWidth(['0', '5'])).toBe(40);
    expect(valueAxisWidth([])).toBe(40);
  });
});

describe('valueAxis', () => {
  it('starts at 0 and ends on a round number above the highest value', () => {
    expect(valueAxis(0.2, 1.8).ticks).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(valueAxis(3, 83.6).ticks).toEqual([0, 25, 50, 75, 100]);
    expect(valueAxis(0, 62).ticks).toEqual([0, 20, 40, 60, 80]);
  });

  it('keeps ticks free of floating-point noise', () => {
    expect(valueAxis(0, 0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('includes negative values', () => {
    expect(valueAxis(-40, 90).ticks).toEqual([-50, 0, 50, 100]);
  });

  it('gives a usable axis to a flat line and to no data at all', () => {
    expect(valueAxis(7, 7).domain).toEqual([0, 8]);
    expect(valueAxis(0, 0).domain).toEqual([0, 1]);
    expect(valueAxis(Infinity, -Infinity).domain).toEqual([0, 1]);
  });

  it('never gives more ticks than asked for, plus the closing one', () => {
    for (const max of [0.07, 1, 9.9, 123, 4_567, 1e6]) expect(valueAxis(0, max, 5).ticks.length).toBeLessThanOrEqual(6);
  });
});

describe('valueRange', () => {
  it('spans the numbers of the given series only, skipping gaps', () => {
    const rows = [
      { t: 0, s0: 1, s1: 100 },
      { t: 1, s0: null, s1: 50 },
      { t: 2, s0: 5 },
    ];
    expect(valueRange(rows, [{ key: 's0', label: 'a' }])).toEqual([1, 5]);
    expect(
      valueRange(rows, [
        { key: 's0', label: 'a' },
        { key: 's1', label: 'b' },
      ]),
    ).toEqual([1, 100]);
    expect(valueRange(rows, [])).toEqual([Infinity, -Infinity]);
  });
});

describe('stackedRange', () => {
  it('spans the running totals, positives and negatives apart, skipping empty rows', () => {
    const series = [
      { key: 's0' as const, label: 'a' },
      { key: 's1' as const, label: 'b' },
    ];
    const rows = [{ t: 0, s0: 2, s1: 3 }, { t: 1, s0: -1, s1: 4 }, { t: 2 }, { t: 3, s0: null, s1: 1 }];
    expect(stackedRange(rows, series)).toEqual([-1, 5]);
    expect(stackedRange([], series)).toEqual([Infinity, -Infinity]);
  });
});
