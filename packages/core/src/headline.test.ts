import { describe, expect, it } from 'vitest';
import { headlineKeys, headlineMetrics } from './headline.ts';

describe('headline metrics', () => {
  it('defines every headline key once, under its own key', () => {
    expect(Object.keys(headlineMetrics).sort()).toEqual([...headlineKeys].sort());
    for (const key of headlineKeys) expect(headlineMetrics[key].key).toBe(key);
  });

  it('keeps each warning threshold below its critical threshold', () => {
    for (const metric of Object.values(headlineMetrics)) {
      expect(metric.thresholds.warning).toBeLessThan(metric.thresholds.critical);
    }
  });
});
