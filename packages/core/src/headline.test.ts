import { describe, expect, it } from 'vitest';
import { headlineKeys, headlineMetrics, thresholdStatus } from './headline.ts';

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

describe('thresholdStatus', () => {
  it('is critical at or above critical, a warning at or above warning, unknown without a value', () => {
    const thresholds = { warning: 70, critical: 80 };
    expect(thresholdStatus(69.9, thresholds)).toBe('ok');
    expect(thresholdStatus(70, thresholds)).toBe('warning');
    expect(thresholdStatus(80, thresholds)).toBe('critical');
    expect(thresholdStatus(null, thresholds)).toBe('unknown');
  });
});
