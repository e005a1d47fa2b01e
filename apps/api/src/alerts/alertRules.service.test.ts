import { describe, expect, it } from 'vitest';
import { linkedRuleStates, type AlertRule } from './alertRules.service.ts';

const rules: AlertRule[] = [
  { name: 'InstanceDown', severity: 'critical', alerts: [] },
  {
    name: 'HighCPUUsage',
    severity: 'warning',
    alerts: [
      {
        labels: { instance: 'a', severity: 'warning' },
        state: 'pending',
        activeAt: '2026-10-25T01:00:00.000Z',
        summary: 'a is busy',
      },
      {
        labels: { instance: 'b', severity: 'warning' },
        state: 'firing',
        activeAt: '2026-10-25T00:30:00.000Z',
        summary: 'b is busy',
      },
    ],
  },
  {
    name: 'HighRequestLatency',
    severity: 'warning',
    alerts: [{ labels: { job: 'demo' }, state: 'firing', activeAt: '2026-10-25T02:00:00.000Z', summary: 'slow' }],
  },
];

describe('linkedRuleStates', () => {
  it('is firing when one of the rule’s alerts fires, inactive without alerts, missing without the rule', () => {
    expect(linkedRuleStates(rules, ['HighCPUUsage', 'InstanceDown', 'NoSuchRule'], {})).toEqual([
      {
        name: 'HighCPUUsage',
        state: 'firing',
        severity: 'warning',
        activeAt: '2026-10-25T00:30:00.000Z',
        summary: 'b is busy',
      },
      { name: 'InstanceDown', state: 'inactive', severity: 'critical', activeAt: null, summary: null },
      { name: 'NoSuchRule', state: 'missing', severity: null, activeAt: null, summary: null },
    ]);
  });

  it('counts only the alerts of the selected values, and aggregates without the label', () => {
    expect(linkedRuleStates(rules, ['HighCPUUsage'], { instance: 'a' })[0]).toMatchObject({
      state: 'pending',
      summary: 'a is busy',
    });
    expect(linkedRuleStates(rules, ['HighCPUUsage'], { instance: 'c' })[0]).toMatchObject({ state: 'inactive' });
    expect(linkedRuleStates(rules, ['HighRequestLatency'], { instance: 'a' })[0]).toMatchObject({ state: 'firing' });
  });
});
