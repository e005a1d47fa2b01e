import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { startApi, type RunningApi } from './support/api.ts';

let stack: Stack;
let api: RunningApi;
let withoutAlertmanager: RunningApi;

interface AlertBody {
  name: string;
  state: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  silenced: boolean;
  silencedBy: string[];
}

beforeAll(async () => {
  ({ stack } = await startTestStack('alerts', { withoutPromwall: true }));
  // InstanceDown is linked to requests/s only to watch a real rule drive a tile: nothing else
  // fires on cue.
  const config = join(mkdtempSync(join(tmpdir(), 'promwall-alerts-')), 'promwall.yml');
  writeFileSync(config, 'metrics:\n  rps: { alerts: [InstanceDown, NoSuchRule] }\n');
  api = await startApi({
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    PROMWALL_CACHE_TTL: '1s',
    PROMWALL_CONFIG: config,
  });
  withoutAlertmanager = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_CACHE_TTL: '1s' });
  await eventually(
    async () => {
      const { body } = await api.get('/api/v1/targets');
      return body.counts?.up === 5 ? body : undefined;
    },
    30_000,
    'every target up',
  );
  await eventually(
    async () => {
      const { body } = await api.get('/api/v1/summary');
      return body.metrics.cpu.value !== null && body.metrics.memory.value !== null ? body : undefined;
    },
    30_000,
    'CPU and memory values',
  );
});

afterAll(async () => {
  await api?.close();
  await withoutAlertmanager?.close();
  await stack?.stop();
});

async function instanceDown(target: RunningApi, state: string): Promise<AlertBody> {
  return eventually(
    async () => {
      const { body } = await target.get('/api/v1/alerts');
      return body.alerts.find((alert: AlertBody) => alert.name === 'InstanceDown' && alert.state === state);
    },
    60_000,
    `InstanceDown ${state}`,
  );
}

describe('a target that goes down', () => {
  it('shows as down with its scrape error, then fires InstanceDown, which a silence marks', async () => {
    const before = (await api.get('/api/v1/summary')).body;
    expect(before.metrics.cpu).toMatchObject({
      sources: { up: 1, down: 0 },
      reason: expect.not.stringMatching('source_down'),
    });
    expect(before.metrics.rps.alerts).toEqual([
      { name: 'InstanceDown', state: 'inactive', severity: 'critical', activeAt: null, summary: null },
      { name: 'NoSuchRule', state: 'missing', severity: null, activeAt: null, summary: null },
    ]);
    const exporter = stack.services().find((service) => service.name === 'node-exporter')!;
    const stoppedAt = Date.now();
    process.kill(-exporter.pid, 'SIGTERM');

    // Within a few scrapes, whatever is left of CPU in its rate window: never a reading again.
    const sourceDown = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/summary');
        return body.metrics.cpu.reason === 'source_down' && body.metrics.memory.reason === 'source_down'
          ? body
          : undefined;
      },
      10_000,
      'CPU and memory to say their source is down',
    );
    for (const key of ['cpu', 'memory']) {
      expect(sourceDown.metrics[key]).toMatchObject({ status: 'unknown', sources: { up: 0, down: 1 } });
      expect(sourceDown.metrics[key].byInstance).toEqual([
        expect.objectContaining({ status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } }),
      ]);
    }
    expect(sourceDown.metrics.dbConnections.sources).toEqual({ up: 1, down: 0 });

    // A scrape under way while the exporter stops may fail with a reset instead; the next one is refused.
    const down = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/targets');
        const refused = body.targets.some(
          (target: { job: string; lastError: string }) =>
            target.job === 'node' && /connection refused/.test(target.lastError),
        );
        return body.counts.down === 1 && refused ? body : undefined;
      },
      15_000,
      'the node target down, its connection refused',
    );
    const node = down.targets.find((target: { job: string }) => target.job === 'node');
    expect(node.health).toBe('down');
    expect(node.lastError).toMatch(/connection refused/);
    // To the second of its lookup (and a scrape's second), and never in the future.
    expect(Date.parse(node.downSince)).toBeGreaterThan(stoppedAt - 3_000);
    expect(Date.parse(node.downSince)).toBeLessThanOrEqual(Date.now());

    const pending = await instanceDown(api, 'pending');
    expect(pending).toMatchObject({ severity: 'critical', labels: { job: 'node' }, silenced: false });

    const firing = await instanceDown(api, 'firing');
    expect(firing.annotations.summary).toBe(`node target ${node.instance} is down`);
    const { body: counted } = await api.get('/api/v1/alerts');
    expect(counted.alerts[0].name).toBe('InstanceDown');
    expect(counted.counts.byState.firing).toBeGreaterThanOrEqual(1);
    expect(counted.counts.bySeverity.critical).toBeGreaterThanOrEqual(1);
    expect(counted.counts.bySeverity).toMatchObject({ error: 0, info: 0 });

    // The rule linked to requests/s now drives its tile, whatever its thresholds say.
    const linked = await eventually(
      async () => {
        const { body } = await api.get('/api/v1/summary');
        return body.metrics.rps.alerts[0].state === 'firing' ? body.metrics.rps : undefined;
      },
      10_000,
      'the linked rule firing on the requests/s tile',
    );
    expect(linked).toMatchObject({ status: 'critical', reason: 'alert' });
    expect(linked.alerts[0]).toMatchObject({ severity: 'critical', summary: `node target ${node.instance} is down` });

    const silence = await fetch(`${stack.urls.alertmanager}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'InstanceDown', isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        createdBy: 'promwall tests',
        comment: 'planned maintenance',
      }),
    });
    const { silenceID } = (await silence.json()) as { silenceID: string };
    const silenced = await eventually(
      async () => {
        const alert = await instanceDown(api, 'firing');
        return alert.silenced ? alert : undefined;
      },
      30_000,
      'the alert marked silenced',
    );
    expect(silenced.silencedBy).toEqual([silenceID]);

    const plain = await withoutAlertmanager.get('/api/v1/alerts');
    expect(plain.body.alertmanager).toBe('not_configured');
    expect(plain.body.alerts.find((alert: AlertBody) => alert.name === 'InstanceDown').silenced).toBe(false);
  });
});
