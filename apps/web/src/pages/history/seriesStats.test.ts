import { describe, expect, it } from 'vitest';
import { seriesStats } from './seriesStats.ts';

describe('seriesStats', () => {
  it('gives the lowest, mean and highest value', () => {
    expect(seriesStats([{ value: 4 }, { value: -2 }, { value: 10 }])).toEqual({ min: -2, mean: 4, max: 10 });
  });

  it('gives nothing for no points, never a made-up 0', () => {
    expect(seriesStats([])).toBeUndefined();
  });
});
