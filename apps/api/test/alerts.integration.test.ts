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
  api = await startApi({
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    PROMWALL_CACHE_TTL: '1s',
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
    const exporter = stack.services().find((service) => service.name === 'node-exporter')!;
    process.kill(-exporter.pid, 'SIGTERM');

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

    const pending = await instanceDown(api, 'pending');
    expect(pending).toMatchObject({ severity: 'critical', labels: { job: 'node' }, silenced: false });

    const firing = await instanceDown(api, 'firing');
    expect(firing.annotations.summary).toBe(`node target ${node.instance} is down`);
    const { body: counted } = await api.get('/api/v1/alerts');
    expect(counted.alerts[0].name).toBe('InstanceDown');
    expect(counted.counts.byState.firing).toBeGreaterThanOrEqual(1);
    expect(counted.counts.bySeverity.critical).toBeGreaterThanOrEqual(1);

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
