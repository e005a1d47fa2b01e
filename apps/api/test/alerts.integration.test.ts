import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { hashToken, newToken } from '../src/auth/auth.tokens.ts';
import { startApi, type RunningApi } from './support/api.ts';

let stack: Stack;
let api: RunningApi;
let withoutAlertmanager: RunningApi;
/** Promwall with access tokens, against the same Prometheus and Alertmanager. */
let guarded: RunningApi;
const tokens = { admin: newToken(), viewer: newToken(), kiosk: newToken() };

interface AlertBody {
  name: string;
  state: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  silenced: boolean;
  silencedBy: string[];
  silences: { id: string; createdBy: string; comment: string; startsAt: string; endsAt: string }[];
}

beforeAll(async () => {
  ({ stack } = await startTestStack('alerts', { withoutPromwall: true }));
  // InstanceDown is linked to requests/s only to watch a real rule drive a tile: nothing else
  // fires on cue.
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'promwall-alerts-')), 'promwall.yml');
  writeFileSync(config, 'metrics:\n  rps: { alerts: [InstanceDown, NoSuchRule] }\n');
  api = await startApi({
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    PROMWALL_CACHE_TTL: '1s',
    PROMWALL_CONFIG: config,
  });
  withoutAlertmanager = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_CACHE_TTL: '1s' });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'promwall-silences-')), 'promwall.yml');
  writeFileSync(
    file,
    `auth:\n  tokens:\n${Object.entries(tokens)
      .map(([role, token]) => `    - { name: ops-${role}, role: ${role}, hash: "${hashToken(token)}" }`)
      .join('\n')}\n`,
  );
  guarded = await startApi({
    PROMWALL_CONFIG: file,
    PROMETHEUS_URL: stack.urls.prometheus,
    ALERTMANAGER_URL: stack.urls.alertmanager,
    // The longest TTL: a silence made through Promwall must show at once all the same.
    PROMWALL_CACHE_TTL: '1h',
  });
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
  await guarded?.close();
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
    expect(silenced.silences).toEqual([
      expect.objectContaining({ id: silenceID, createdBy: 'promwall tests', comment: 'planned maintenance' }),
    ]);

    const plain = await withoutAlertmanager.get('/api/v1/alerts');
    expect(plain.body.alertmanager).toBe('not_configured');
    expect(plain.body.alerts.find((alert: AlertBody) => alert.name === 'InstanceDown').silenced).toBe(false);
  });
});

describe('silences made from Promwall', () => {
  const as = (role: keyof typeof tokens, init: RequestInit = {}) => ({
    ...init,
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const firingInstanceDown = async () =>
    (await guarded.get('/api/v1/alerts', as('kiosk'))).body.alerts.find(
      (alert: AlertBody) => alert.name === 'InstanceDown' && alert.state === 'firing',
    ) as AlertBody | undefined;

  it("creates a silence in the admin token's name, shows who and until when, and expires it", async () => {
    await eventually(firingInstanceDown, 90_000, 'InstanceDown firing');
    const before = Date.now();
    const { labels } = (await firingInstanceDown())!;

    const created = await guarded.get(
      '/api/v1/silences',
      as('admin', {
        method: 'POST',
        body: JSON.stringify({
          matchers: Object.entries(labels).map(([name, value]) => ({ name, value })),
          duration: '2h',
          comment: 'Replacing the node exporter',
        }),
      }),
    );
    expect(created.status).toBe(201);
    const { id } = created.body;

    // Asked of Alertmanager itself: the silence is there, as Promwall made it.
    const stored: any = await (await fetch(`${stack.urls.alertmanager}/api/v2/silence/${id}`)).json();
    expect(stored).toMatchObject({
      createdBy: 'ops-admin',
      comment: 'Replacing the node exporter',
      status: { state: 'active' },
    });
    expect(stored.matchers).toEqual(
      expect.arrayContaining([{ name: 'alertname', value: 'InstanceDown', isRegex: false, isEqual: true }]),
    );
    const endsAt = Date.parse(stored.endsAt);
    expect(endsAt - before).toBeGreaterThanOrEqual(2 * 3_600_000 - 1_000);
    expect(endsAt - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);

    // The cache holds alerts for an hour, but not past a change made through Promwall.
    const silenced = await firingInstanceDown();
    expect(silenced?.silencedBy).toContain(id);
    expect(silenced?.silences).toContainEqual({
      id,
      createdBy: 'ops-admin',
      comment: 'Replacing the node exporter',
      startsAt: new Date(stored.startsAt).toISOString(),
      endsAt: new Date(stored.endsAt).toISOString(),
    });

    const expired = await guarded.get(`/api/v1/silences/${id}`, as('admin', { method: 'DELETE' }));
    expect(expired.status).toBe(204);
    const after: any = await (await fetch(`${stack.urls.alertmanager}/api/v2/silence/${id}`)).json();
    expect(after.status.state).toBe('expired');
    expect((await firingInstanceDown())?.silencedBy).not.toContain(id);
  });

  it('refuses viewers and kiosks, and changes nothing in Alertmanager', async () => {
    const count = async () =>
      ((await (await fetch(`${stack.urls.alertmanager}/api/v2/silences`)).json()) as unknown[]).length;
    const before = await count();
    const body = JSON.stringify({
      matchers: [{ name: 'alertname', value: 'InstanceDown' }],
      duration: '1h',
      comment: 'x',
    });

    for (const role of ['viewer', 'kiosk'] as const) {
      const res = await guarded.get('/api/v1/silences', as(role, { method: 'POST', body }));
      expect(res.status).toBe(403);
    }
    expect((await guarded.get('/api/v1/silences', { method: 'POST', body })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it.each([
    [{ matchers: [], duration: '1h', comment: 'x' }, /matchers/],
    [{ matchers: [{ name: 'job', value: '.*', isRegex: true }], duration: '1h', comment: 'x' }, /label = value/],
    [
      { matchers: [{ name: 'alertname', value: 'X' }], duration: '1y', comment: 'x' },
      /duration: must be a duration from 1m to 90d/,
    ],
    [{ matchers: [{ name: 'alertname', value: 'X' }], duration: '1h', comment: '  ' }, /comment: must not be empty/],
    [
      { matchers: [{ name: 'alertname', value: 'X' }], duration: '1h', comment: 'x', createdBy: 'someone' },
      /createdBy/,
    ],
    [{ matchers: [{ name: '0bad', value: 'X' }], duration: '1h', comment: 'x' }, /must be a label name/],
    [
      {
        matchers: [
          { name: 'alertname', value: 'X' },
          { name: 'job', value: '(', isRegex: true },
        ],
        duration: '1h',
        comment: 'x',
      },
      /alertmanager refused the silence/,
    ],
  ])('answers 400 for %j, and writes nothing', async (silence, message) => {
    const count = async () =>
      ((await (await fetch(`${stack.urls.alertmanager}/api/v2/silences`)).json()) as unknown[]).length;
    const before = await count();

    const res = await guarded.get('/api/v1/silences', as('admin', { method: 'POST', body: JSON.stringify(silence) }));

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('answers 404 for a silence Alertmanager does not have, and 400 for what is not an id', async () => {
    const missing = await guarded.get(
      '/api/v1/silences/6f1c2a3e-8d4b-4e5f-9a7b-0c1d2e3f4a5b',
      as('admin', { method: 'DELETE' }),
    );
    const hostile = await guarded.get(
      '/api/v1/silences/..%2F..%2Fapi%2Fv2%2Fstatus',
      as('admin', { method: 'DELETE' }),
    );

    expect(missing.status).toBe(404);
    expect(hostile.status).toBe(400);
  });
});
