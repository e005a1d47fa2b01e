import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts, httpReady, repoRoot, Supervisor, type Stack } from '@promwall/stack';
import { eventually, startTestStack } from '@promwall/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTimeoutMs } from '../src/history/history.leadership.ts';
import { startApi, type RunningApi } from './support/api.ts';
import { freshDatabase, sql } from './support/database.ts';

/** Two Promwall processes on one database, as replicas behind a load balancer run. */
let stack: Stack;
let supervisor: Supervisor;
let url: string;
const replicas: { name: string; url: string; pid: number }[] = [];
const INTERVAL_MS = 1_000;

async function startReplica(name: string, port: number): Promise<void> {
  const running = await supervisor.start({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', join(repoRoot, 'apps', 'api', 'dist', 'main.js')],
    env: {
      ...process.env,
      PROMETHEUS_URL: stack.urls.prometheus,
      PROMWALL_DATABASE_URL: url,
      PROMWALL_HISTORY_INTERVAL: '1s',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    ready: () => httpReady(`http://127.0.0.1:${port}/healthz`),
  });
  const existing = replicas.find((replica) => replica.name === name);
  if (existing) existing.pid = running.pid;
  else replicas.push({ name, url: `http://127.0.0.1:${port}`, pid: running.pid });
}

async function metricOf(baseUrl: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

async function leaders(): Promise<string[]> {
  const states = await Promise.all(
    replicas.map(async (replica) =>
      (await metricOf(replica.url, 'promwall_history_leader')) === 1 ? replica.name : '',
    ),
  );
  return states.filter(Boolean);
}

/** Grid times of the interval in [fromMs, toMs] that have no round in the database. */
async function missingRounds(databaseUrl: string, fromMs: number, toMs: number): Promise<string[]> {
  const rows = await sql<{ at: Date }>(
    databaseUrl,
    `SELECT t AS at FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 second') AS t
     WHERE NOT EXISTS (SELECT 1 FROM history_rounds WHERE at = t)`,
    [new Date(Math.ceil(fromMs / INTERVAL_MS) * INTERVAL_MS), new Date(Math.floor(toMs / INTERVAL_MS) * INTERVAL_MS)],
  );
  return rows.map((row) => row.at.toISOString());
}

beforeAll(async () => {
  ({ stack } = await startTestStack('history-failover', { withoutPromwall: true }));
  url = await freshDatabase(stack.urls.database, 'history_failover');
  supervisor = new Supervisor(join(repoRoot, '.data-test', 'history-failover', 'logs'));
  const [a, b] = await freePorts(2);
  await startReplica('promwall-a', a!);
  await startReplica('promwall-b', b!);
  await eventually(async () => ((await leaders()).length === 1 ? true : undefined), 30_000, 'one leader');
});

afterAll(async () => {
  await supervisor?.stopAll();
  await stack?.stop();
});

describe('two replicas on one database', () => {
  it('have exactly one recorder, and exactly one row per metric and labels per round', async () => {
    const from = Date.now();
    // A round is written a moment after its time, later on a busy machine: wait for four.
    const perRound = await eventually(
      async () => {
        const rows = await sql<{ at: Date; metric_name: string; rows: number }>(
          url,
          `SELECT "timestamp" AS at, metric_name, count(*)::int AS rows FROM metrics_data
           WHERE labels = '{}' AND "timestamp" >= $1 GROUP BY 1, 2`,
          [new Date(from)],
        );
        return new Set(rows.map((row) => row.at.getTime())).size >= 4 ? rows : undefined;
      },
      15 * INTERVAL_MS,
      'four recorded rounds',
    );

    expect(await leaders()).toHaveLength(1);
    expect(await missingRounds(url, from, Date.now() - INTERVAL_MS)).toEqual([]);
    expect(perRound.every((row) => row.rows === 1)).toBe(true);
  });

  it('hand over within two intervals when the recording one is killed, leaving no round missing', async () => {
    const [leaderName] = await leaders();
    const leader = replicas.find((replica) => replica.name === leaderName)!;
    const follower = replicas.find((replica) => replica.name !== leaderName)!;
    const before = Date.now() - 3 * INTERVAL_MS;

    const killedAt = Date.now();
    process.kill(leader.pid, 'SIGKILL');
    await eventually(
      async () => ((await metricOf(follower.url, 'promwall_history_leader')) === 1 ? true : undefined),
      10_000,
      'the follower to lead',
    );
    const tookOverMs = Date.now() - killedAt;
    console.log(`history failover: the follower recorded ${tookOverMs} ms after the leader was killed`);
    expect(tookOverMs).toBeLessThanOrEqual(2 * INTERVAL_MS);

    await sleep(3 * INTERVAL_MS);
    expect(await missingRounds(url, before, Date.now() - INTERVAL_MS)).toEqual([]);

    await supervisor.stop(leader.name);
    await startReplica(leader.name, Number(new URL(leader.url).port));
    await sleep(2 * INTERVAL_MS);
    expect(await leaders()).toEqual([follower.name]);
  });

  it('take over from a recorder that hangs once the server ends its silent session, leaving no round missing', async () => {
    const [leaderName] = await leaders();
    const leader = replicas.find((replica) => replica.name === leaderName)!;
    const follower = replicas.find((replica) => replica.name !== leaderName)!;
    const before = Date.now() - 3 * INTERVAL_MS;

    const stoppedAt = Date.now();
    process.kill(leader.pid, 'SIGSTOP');
    let tookOverMs: number;
    try {
      await eventually(
        async () => ((await metricOf(follower.url, 'promwall_history_leader')) === 1 ? true : undefined),
        40_000,
        'the follower to lead',
      );
      tookOverMs = Date.now() - stoppedAt;
    } finally {
      process.kill(leader.pid, 'SIGCONT');
    }
    console.log(`history hang: the follower recorded ${tookOverMs} ms after the leader stopped`);
    // The session has been silent since the leader's last check-in, before it stopped; then the
    // follower's next try, and two seconds for a busy machine (runs measured 9.6–16.2 s against
    // 17 s before). Without the session timeout it would never happen: the kernel of a stopped
    // process still answers TCP keepalives.
    expect(tookOverMs).toBeLessThanOrEqual(sessionTimeoutMs(INTERVAL_MS) + 2 * INTERVAL_MS + 2_000);

    await sleep(3 * INTERVAL_MS);
    expect(await leaders()).toEqual([follower.name]);
    expect(await missingRounds(url, before, Date.now() - INTERVAL_MS)).toEqual([]);
  });

  it('list a heartbeat sent to one replica on every replica', async () => {
    const [a, b] = replicas;
    const beat = await fetch(`${a!.url}/api/v1/displays/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'lobby-wall',
        version: '1.0.0',
        page: '/tv',
        refreshMs: 10_000,
        lastRefreshAt: new Date().toISOString(),
      }),
    });
    expect(beat.status).toBe(204);
    const hostile = await fetch(`${b!.url}/api/v1/displays/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: "x'); DROP TABLE displays; --",
        version: '1',
        page: '/tv',
        refreshMs: 1,
        lastRefreshAt: null,
      }),
    });
    expect(hostile.status).toBe(400);

    for (const replica of replicas) {
      const { displays } = (await (await fetch(`${replica.url}/api/v1/displays`)).json()) as {
        displays: { id: string; alive: boolean; page: string }[];
      };
      expect(displays).toEqual([expect.objectContaining({ id: 'lobby-wall', alive: true, page: '/tv' })]);
    }
  });
});

describe('PostgreSQL away for a minute', () => {
  let bounded: RunningApi;
  let boundedUrl: string;

  beforeAll(async () => {
    // A third recorder, on a database of its own, whose queue holds only ten rounds.
    boundedUrl = await freshDatabase(stack.urls.database, 'history_bounded_queue');
    const config = join(mkdtempSync(join(tmpdir(), 'promwall-history-')), 'promwall.yml');
    writeFileSync(config, 'history: { interval: 1s, maxQueuedRounds: 10 }\n');
    bounded = await startApi({
      PROMETHEUS_URL: stack.urls.prometheus,
      PROMWALL_DATABASE_URL: boundedUrl,
      PROMWALL_CONFIG: config,
    });
    await eventually(
      async () => ((await bounded.metric('promwall_history_leader')) === 1 ? true : undefined),
      20_000,
      'the bounded recorder to lead',
    );
  });

  afterAll(async () => {
    await bounded?.close();
  });

  it('loses no round within the queue bound, and counts the rounds dropped past it', async () => {
    const stoppedAt = Date.now();
    await stack.stopService('postgres');
    await sleep(60_000);
    await stack.restartService('postgres');
    const restartedAt = Date.now();

    await eventually(
      async () => {
        const queued = await Promise.all(
          replicas.map((replica) => metricOf(replica.url, 'promwall_history_queued_rounds')),
        );
        return queued.every((count) => count === 0) ? true : undefined;
      },
      30_000,
      'the replicas to write what they queued',
    );
    await sleep(2 * INTERVAL_MS);
    expect(await missingRounds(url, stoppedAt - 3 * INTERVAL_MS, Date.now() - INTERVAL_MS)).toEqual([]);
    expect(await leaders()).toHaveLength(1);
    for (const replica of replicas) {
      expect(await metricOf(replica.url, 'promwall_history_dropped_rounds_total')).toBe(0);
      expect(await metricOf(replica.url, 'promwall_database_up')).toBe(1);
    }

    await eventually(
      async () => ((await bounded.metric('promwall_history_queued_rounds')) === 0 ? true : undefined),
      30_000,
      'the bounded recorder to write what it kept',
    );
    const dropped = (await bounded.metric('promwall_history_dropped_rounds_total')) ?? 0;
    const missing = await missingRounds(boundedUrl, stoppedAt + 2 * INTERVAL_MS, restartedAt - 12 * INTERVAL_MS);
    console.log(`history outage: ${dropped} rounds dropped past a queue of 10; ${missing.length} missing`);
    expect(dropped).toBeGreaterThanOrEqual(40);
    expect(missing.length).toBeGreaterThanOrEqual(40);
    expect(await missingRounds(boundedUrl, restartedAt + 2 * INTERVAL_MS, Date.now() - INTERVAL_MS)).toEqual([]);
  }, 180_000);
});
