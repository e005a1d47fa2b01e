import { describe, expect, it } from 'vitest';
import { RefreshMonitor } from './refreshMonitor.ts';

describe('RefreshMonitor', () => {
  it('counts from page load until every refresh has been answered', () => {
    let now = 1_000;
    const monitor = new RefreshMonitor(1_000, () => now);
    expect(monitor.lastCompletedAt()).toBe(1_000);
    monitor.begin('summary');
    monitor.begin('targets');
    now = 5_000;
    monitor.answered('targets');
    expect(monitor.lastCompletedAt()).toBe(1_000);
    now = 6_000;
    monitor.answered('summary');
    expect(monitor.lastCompletedAt()).toBe(5_000);
  });

  it('keeps the time the API came back until the probe fails', () => {
    let now = 1_000;
    const monitor = new RefreshMonitor(0, () => now);
    expect(monitor.apiUpSince).toBeUndefined();
    monitor.probeAnswered();
    now = 9_000;
    monitor.probeAnswered();
    expect(monitor.apiUpSince).toBe(1_000);
    monitor.probeFailed();
    expect(monitor.apiUpSince).toBeUndefined();
  });
});
