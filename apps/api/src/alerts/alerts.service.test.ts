import { monitorEventLoopDelay } from 'node:perf_hooks';
import { alerts as alertsSchema } from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics.ts';
import type { UpstreamClient } from '../upstream/upstream.client.ts';
import { AlertsService } from './alerts.service.ts';

/** A storm as the two servers report it: every alert firing, Alertmanager's copy with an external label. */
function storm(size: number, { silencedEvery = 3 } = {}) {
  const prometheus = Array.from({ length: size }, (_, i) => ({
    labels: { alertname: 'InstanceDown', instance: `host-${i}:9100`, job: 'node', severity: 'critical' },
    annotations: { summary: `host-${i}:9100 is down` },
    state: 'firing',
    activeAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
    value: '0e+00',
  }));
  // Alertmanager lists them in another order, as it does (by fingerprint).
  const alertmanager = prometheus
    .map((alert, i) => ({
      labels: { ...alert.labels, cluster: 'eu-1' },
      status: { state: 'suppressed', silencedBy: i % silencedEvery === 0 ? [`silence-${i}`] : [], inhibitedBy: [] },
    }))
    .reverse();
  return { prometheus, alertmanager };
}

function client(name: string, body: unknown): UpstreamClient {
  return { name, getJson: () => Promise.resolve(body), send: () => Promise.reject(new Error('alerts send nothing')) };
}

function serviceFor(prometheus: unknown[], alertmanager: unknown[], maxAlerts = 1_000) {
  return new AlertsService(
    client('prometheus', { status: 'success', data: { alerts: prometheus } }),
    client('alertmanager', alertmanager),
    { ttlMs: 1_000, staleWhileRevalidateMs: 0, serveStaleForMs: 0 },
    { maxAlerts },
    createMetrics(),
  );
}

describe('AlertsService under an alert storm', () => {
  /** The best of a few runs: what the merge costs, apart from what else the machine is doing. */
  async function mergeMs(size: number): Promise<number> {
    const { prometheus, alertmanager } = storm(size);
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      const service = serviceFor(prometheus, alertmanager);
      const started = performance.now();
      const answer = (await service.alerts()).value;
      best = Math.min(best, performance.now() - started);
      expect(answer.counts.total).toBe(size);
      expect(answer.alertmanager).toBe('merged');
    }
    return best;
  }

  it('merges 20,000 Prometheus alerts with 20,000 Alertmanager alerts in linear time, far from the seconds of a quadratic merge', async () => {
    const small = await mergeMs(2_000);
    const large = await mergeMs(20_000);

    console.log(`alert merge: 2,000 × 2,000 in ${small.toFixed(1)} ms, 20,000 × 20,000 in ${large.toFixed(1)} ms`);
    // The target is 100 ms, printed above and recorded in docs/security.md; the bound leaves room
    // for a machine busy with other suites, far below the 12 s that matching by search took.
    expect(large).toBeLessThanOrEqual(400);
    // Ten times the alerts: about ten times the work, where matching by search took a hundred.
    expect(large / small).toBeLessThan(25);
  }, 30_000);

  it('lets timers run between its slices while merging 20,000 alerts, the loop never held for long', async () => {
    const { prometheus, alertmanager } = storm(20_000);
    let best = Number.POSITIVE_INFINITY;
    let turns = 0;
    for (let run = 0; run < 3; run++) {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      // The monitor records from its second tick on: a block before that would go unseen.
      await new Promise((resolve) => setTimeout(resolve, 10));
      let merging = true;
      // The upstreams here answer from memory: a timer fires during the merge only where it yields.
      const ticker = setInterval(() => merging && turns++, 0);
      await serviceFor(prometheus, alertmanager).alerts();
      merging = false;
      clearInterval(ticker);
      // One more turn of the loop, so that the last block is measured too.
      await new Promise((resolve) => setTimeout(resolve, 5));
      delay.disable();
      best = Math.min(best, delay.max / 1e6);
    }

    // The target is 50 ms, met on a quiet machine (docs/security.md); with other suites on both
    // cores the figure is the scheduler's, so the bound here only says the loop was never frozen.
    console.log(`alert merge: longest event-loop delay ${best.toFixed(1)} ms (best of 3 runs), ${turns} timer turns`);
    expect(turns).toBeGreaterThanOrEqual(3 * 2);
    expect(best).toBeLessThanOrEqual(1_000);
  }, 30_000);

  it('matches each alert to its Alertmanager copy, external labels and all', async () => {
    const { prometheus, alertmanager } = storm(300, { silencedEvery: 7 });
    const answer = (await serviceFor(prometheus, alertmanager, 300).alerts()).value;

    expect(alertsSchema.parse(answer)).toEqual(answer);
    for (const alert of answer.alerts) {
      const i = Number(/host-(\d+)/.exec(alert.labels.instance!)![1]);
      expect(alert.silenced, alert.labels.instance).toBe(i % 7 === 0);
      expect(alert.silencedBy).toEqual(i % 7 === 0 ? [`silence-${i}`] : []);
    }
  });

  it('matches alerts whose label sets differ in shape, the first Alertmanager copy winning', async () => {
    const prometheus = [
      { labels: { alertname: 'A', job: 'x' }, state: 'firing' },
      { labels: { alertname: 'A', job: 'y', instance: 'i' }, state: 'pending' },
      { labels: { alertname: 'B' }, state: 'firing' },
      { labels: { alertname: 'C', job: 'x' }, state: 'firing' },
    ];
    const alertmanager = [
      { labels: { alertname: 'A', job: 'x', replica: '1' }, status: { silencedBy: ['s1'] } },
      { labels: { alertname: 'A', job: 'x', replica: '2' }, status: { silencedBy: ['s2'] } },
      { labels: { alertname: 'A', job: 'y', instance: 'i' }, status: { inhibitedBy: ['i1'] } },
      { labels: { alertname: 'B', job: 'z' }, status: { silencedBy: ['s3'] } },
      { labels: { alertname: 'C', job: 'other' }, status: { silencedBy: ['s4'] } },
    ];
    const { alerts } = (await serviceFor(prometheus, alertmanager).alerts()).value;
    const byName = (name: string, job?: string) =>
      alerts.find((alert) => alert.name === name && alert.labels.job === job)!;

    expect(byName('A', 'x').silencedBy).toEqual(['s1']);
    expect(byName('A', 'y').inhibitedBy).toEqual(['i1']);
    expect(byName('B').silencedBy).toEqual(['s3']);
    expect(byName('C', 'x').silenced).toBe(false);
  });

  it('answers the most important alerts up to the limit, says so, and counts them all', async () => {
    const { prometheus, alertmanager } = storm(2_500);
    prometheus[1_234]!.labels.severity = 'warning';
    prometheus[2_000]!.state = 'pending';

    const answer = (await serviceFor(prometheus, alertmanager, 100).alerts()).value;

    expect(answer.alerts).toHaveLength(100);
    expect(answer.truncated).toEqual({ limit: 100, total: 2_500 });
    expect(answer.counts).toMatchObject({ total: 2_500, byState: { firing: 2_499, pending: 1 } });
    expect(answer.counts.bySeverity).toEqual({ critical: 2_499, error: 0, warning: 1, info: 0 });
    expect(answer.alerts.every((alert) => alert.state === 'firing' && alert.severity === 'critical')).toBe(true);
  });

  it('answers every alert, without a truncation note, below the limit', async () => {
    const { prometheus, alertmanager } = storm(10);
    const answer = (await serviceFor(prometheus, alertmanager, 10).alerts()).value;

    expect(answer.alerts).toHaveLength(10);
    expect(answer.truncated).toBeUndefined();
  });
});
