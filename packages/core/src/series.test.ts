import { describe, expect, it } from 'vitest';
import { chooseStep, pointCount } from './series.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('chooseStep', () => {
  it.each([
    [HOUR, 1200, 5_000],
    [5 * MINUTE, 1200, 1_000],
    [DAY, 1500, 60_000],
    [7 * DAY, 1500, 10 * MINUTE],
    [31 * DAY, 400, 2 * HOUR],
    [31 * DAY, 10, 4 * DAY],
  ])('draws a range of %i ms over %i px at a %i ms step', (rangeMs, widthPx, stepMs) => {
    expect(chooseStep(rangeMs, widthPx)).toBe(stepMs);
  });

  it('never gives more points than pixels', () => {
    for (const rangeMs of [MINUTE, 17 * MINUTE, 3 * HOUR, 2 * DAY, 31 * DAY]) {
      for (const widthPx of [1, 90, 333, 1000, 1877, 3840]) {
        expect(rangeMs / chooseStep(rangeMs, widthPx)).toBeLessThanOrEqual(widthPx);
      }
    }
  });

  it('survives a width of zero, before the chart is measured', () => {
    expect(chooseStep(HOUR, 0)).toBe(HOUR);
  });
});

describe('pointCount', () => {
  it('counts both ends of the range, as Prometheus does', () => {
    expect(pointCount(HOUR, MINUTE)).toBe(61);
    expect(pointCount(HOUR, 7 * MINUTE)).toBe(9);
  });
});
