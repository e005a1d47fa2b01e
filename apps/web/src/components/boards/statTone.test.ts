import type { StatData } from '@promwall/core/dashboardSchemas';
import { describe, expect, it } from 'vitest';
import { statTone } from './statTone.ts';

const stat = (overrides: Partial<StatData>): StatData => ({
  type: 'stat',
  generatedAt: '2026-10-25T00:00:00.000Z',
  stale: false,
  query: 'x',
  unit: 'count',
  value: 1,
  status: 'ok',
  thresholds: { warning: 5, critical: 10 },
  sparkline: null,
  alertRules: [],
  ...overrides,
});

describe('statTone', () => {
  it('is the threshold state, none without thresholds, unknown without a value', () => {
    expect(statTone(stat({ status: 'warning' }))).toBe('warning');
    expect(statTone(stat({ status: null, thresholds: null }))).toBe('none');
    expect(statTone(stat({ value: null, status: 'unknown' }))).toBe('unknown');
  });

  it('is critical while a linked alert rule fires, whatever the value', () => {
    const firing = {
      name: 'HighLatency',
      state: 'firing' as const,
      severity: 'warning',
      activeAt: null,
      summary: null,
    };
    expect(statTone(stat({ alertRules: [firing] }))).toBe('critical');
  });
});
