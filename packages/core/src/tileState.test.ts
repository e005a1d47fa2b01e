import { describe, expect, it } from 'vitest';
import type { LinkedAlert } from './schemas.ts';
import { activeAlert, thresholdStatus, tileState } from './tileState.ts';

const thresholds = { warning: 30, critical: 40 };

const rule = (name: string, state: LinkedAlert['state'], severity: string | null = 'critical'): LinkedAlert => ({
  name,
  state,
  severity,
  activeAt: state === 'firing' || state === 'pending' ? '2026-11-22T10:00:00.000Z' : null,
  summary: null,
});

describe('thresholdStatus', () => {
  it('is critical at or above critical, a warning at or above warning, ok below, unknown without a value', () => {
    expect(thresholdStatus(40, thresholds)).toBe('critical');
    expect(thresholdStatus(30, thresholds)).toBe('warning');
    expect(thresholdStatus(29.9, thresholds)).toBe('ok');
    expect(thresholdStatus(null, thresholds)).toBe('unknown');
    expect(thresholdStatus(1e9, null)).toBe('ok');
  });
});

describe('tileState', () => {
  it('follows the thresholds when every source is up and no linked alert is active', () => {
    expect(tileState({ value: 35, thresholds, sources: { up: 2, down: 0 }, alerts: [rule('A', 'inactive')] })).toEqual({
      status: 'warning',
      reason: 'thresholds',
      partial: false,
      alert: null,
    });
  });

  it('says source down, never warning or critical, when every source is down, whatever the value', () => {
    expect(tileState({ value: 99, thresholds, sources: { up: 0, down: 1 } })).toEqual({
      status: 'unknown',
      reason: 'source_down',
      partial: false,
      alert: null,
    });
    expect(tileState({ value: 99, thresholds, sources: { up: 0, down: 2 }, alerts: [rule('A', 'firing')] })).toEqual(
      expect.objectContaining({ status: 'unknown', reason: 'source_down' }),
    );
  });

  it('marks a value partial when some of its sources are down, and still judges what is left', () => {
    expect(tileState({ value: 45, thresholds, sources: { up: 1, down: 1 } })).toEqual({
      status: 'critical',
      reason: 'thresholds',
      partial: true,
      alert: null,
    });
  });

  it('shows a firing linked alert whatever the thresholds say, at the alert’s severity at least', () => {
    const firing = rule('DatabaseConnectionHigh', 'firing');
    expect(tileState({ value: 12, thresholds, sources: { up: 1, down: 0 }, alerts: [firing] })).toEqual({
      status: 'critical',
      reason: 'alert',
      partial: false,
      alert: firing,
    });
    expect(tileState({ value: 50, thresholds, alerts: [rule('Slow', 'firing', 'warning')] }).status).toBe('critical');
    expect(tileState({ value: 1, thresholds, alerts: [rule('Slow', 'firing', 'warning')] }).status).toBe('warning');
    expect(tileState({ value: null, thresholds, alerts: [rule('Slow', 'pending')] })).toEqual(
      expect.objectContaining({ status: 'warning', reason: 'alert' }),
    );
  });

  it('says failed before anything else, and no data without a value', () => {
    expect(tileState({ value: null, thresholds, failed: true, alerts: [rule('A', 'firing')] }).reason).toBe('failed');
    expect(tileState({ value: null, thresholds, sources: { up: 0, down: 0 } })).toEqual(
      expect.objectContaining({ status: 'unknown', reason: 'no_data' }),
    );
  });
});

describe('activeAlert', () => {
  it('picks firing before pending, then the most severe, and ignores inactive, missing and unknown rules', () => {
    const chosen = activeAlert([
      rule('Pending', 'pending', 'critical'),
      rule('Info', 'firing', 'info'),
      rule('Crit', 'firing', 'critical'),
      rule('Gone', 'missing', null),
    ]);
    expect(chosen?.name).toBe('Crit');
    expect(activeAlert([rule('A', 'inactive'), rule('B', 'unknown', null)])).toBeNull();
  });
});
