import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { headlineKeys } from '@promwall/core/headline';
import { historyInfo, historySeries } from '@promwall/core/schemas';
import { freePorts, httpReady, repoRoot, Supervisor, type Stack } from '@promwall/stack';
import { eventually, startTestStack } from '@promwall/stack/testing';
import pg from 'pg';
import { pino } from 'pino';
import { createMetrics } from '../src/metrics/metrics.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/database/database.migrator.ts';
import { migrations } from '../src/database/database.migrations.ts';
import { openDatabase, type Database } from '../src/database/database.pool.ts';
import { PostgresDisplaysStore } from '../src/displays/displays.postgresStore.ts';
import { HistoryWriter } from '../src/history/history.writer.ts';
import { startApi, type RunningApi } from './support/api.ts';
import { freshDatabase, sql } from './support/database.ts';
import { displaysStoreContract } from './support/displaysContract.ts';
import { Forwarder } from './support/forwarder.ts';

let stack: Stack;

beforeAll(async () => {
  ({ stack } = await startTestStack('history', {
    withoutPromwall: true,
    postgresSettings: { shared_preload_libraries: 'pg_stat_statements' },
  }));
});

afterAll(async () => {
  await stack?.stop();
});

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

async function tables(url: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    url,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((row) => row.name);
}

/** A bare pool, so that a test decides when and how far the schema is migrated. */
async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

describe('migrations', () => {
  it('create the schema in an empty database', async () => {
    const url = await freshDatabase(stack.urls.database, 'history_migrate_empty');
    const db = openDatabase({ url, poolSize: 2 }, pino({ level: 'silent' }), createMetrics().registry);
    try {
      await db.migrated;
      expect(db.isMigrated).toBe(true);
      expect(await tables(url)).toEqual(
        expect.arrayContaining(['displays', 'history_rounds', 'metrics_data', 'schema_migrations']),
      );
      const versions = await sql(url, 'SELECT version, name FROM schema_migrations ORDER BY version');
      expect(versions).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    } finally {
      await db.close();
    }
  });

  it('bring a database at the previous version up to date, keeping its rows', async () => {
    const url = await freshDatabase(stack.urls.database, 'history_migrate_previous');
    const previous = migrations.slice(0, -1);
    await withPool(url, (pool) => migrate(pool, previous));
    await sql(
      url,
      `CREATE TABLE metrics_data_y2026m01 PARTITION OF metrics_data
      FOR VALUES FROM ('2026-01-01T00:00:00Z') TO ('2026-02-01T00:00:00Z')`,
    );
    await sql(url, `INSERT INTO history_rounds (at, outcome, samples) VALUES ('2026-01-01T00:00:00Z', 'recorded', 1)`);
    await sql(
      url,
      `INSERT INTO metrics_data (metric_name, metric_value, "timestamp", labels, source)
      VALUES ('cpu', 12.5, '2026-01-01T00:00:00Z', '{}', 'prometheus')`,
    );

    const result = await withPool(url, (pool) => migrate(pool));

    expect(result.applied).toEqual(migrations.slice(previous.length).map((migration) => migration.version));
    expect(await sql(url, 'SELECT max(version) AS version FROM schema_migrations')).toEqual([
      { version: migrations.at(-1)!.version },
    ]);
    expect(await sql(url, 'SELECT metric_name, metric_value FROM metrics_data')).toEqual([
      { metric_name: 'cpu', metric_value: 12.5 },
    ]);
  });

  it('run once when replicas start together', async () => {
    const url = await freshDatabase(stack.urls.database, 'history_migrate_race');
    const results = await Promise.all([1, 2, 3, 4].map(() => withPool(url, (pool) => migrate(pool))));

    const applied = results.flatMap((result) => result.applied).sort((a, b) => a - b);
    expect(applied).toEqual(migrations.map((migration) => migration.version));
    expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
    expect(await sql(url, 'SELECT count(*)::int AS count FROM schema_migrations')).toEqual([
      { count: migrations.length },
    ]);
  });
});

describe('the recorder', () => {
  let url: string;
  let forwarder: Forwarder;
  let api: RunningApi;

  beforeAll(async () => {
    url = await freshDatabase(stack.urls.database, 'history_recorder');
    await sql(url, 'CREATE EXTENSION pg_stat_statements');
    const prometheus = new URL(stack.urls.prometheus);
    forwarder = new Forwarder({ host: prometheus.hostname, port: Number(prometheus.port) });
    await forwarder.up();
    await sql(url, 'SELECT pg_stat_statements_reset()');
    api = await startApi({
      PROMETHEUS_URL: forwarder.url,
      PROMWALL_DATABASE_URL: url,
      PROMWALL_HISTORY_INTERVAL: '1s',
    });
  });

  afterAll(async () => {
    await api?.close();
    await forwarder?.down();
  });

  it('writes every headline metric, overall and per instance, at the round time', async () => {
    const rows = await eventually(
      async () => {
        const found = await sql<{ metric_name: string; labels: Record<string, string>; timestamp: Date }>(
          url,
          `SELECT metric_name, labels, "timestamp" FROM metrics_data
           WHERE "timestamp" = (SELECT max(at) FROM history_rounds WHERE outcome = 'recorded')`,
        );
        return headlineKeys.every((key) => found.some((row) => row.metric_name === key && !row.labels.instance))
          ? found
          : undefined;
      },
      60_000,
      'a round with every headline metric',
    );

    expect(rows.every((row) => row.timestamp.getTime() % 1_000 === 0)).toBe(true);
    const cpuInstances = rows.filter((row) => row.metric_name === 'cpu' && row.labels.instance);
    expect(cpuInstances).toEqual([
      expect.objectContaining({ labels: { instance: new URL(stack.urls.nodeExporter).host } }),
    ]);
    const [one] = await sql(url, 'SELECT source, data_type FROM metrics_data LIMIT 1');
    expect(one).toEqual({ source: 'prometheus', data_type: 'metric' });
  });

  it('writes each round in one statement, and one row per metric, labels and round', async () => {
    await eventually(
      async () => ((await api.metric('promwall_history_last_written_round_timestamp_seconds')) ?? 0) > 0 || undefined,
      10_000,
      'a written round',
    );
    // Writes in flight would make the two counts below disagree: compare them while stopped.
    await api.recorder!.stop();

    const [{ rounds }] = await sql(url, 'SELECT count(*)::int AS rounds FROM history_rounds');
    const [{ samples }] = await sql(url, 'SELECT count(*)::int AS samples FROM metrics_data');
    const inserts = await sql<{ query: string; calls: string; rows: string }>(
      url,
      `SELECT query, calls, rows FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query ~* 'insert' AND query !~* 'schema_migrations'`,
    );
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.query).toMatch(/^\s*WITH round AS/);
    expect(Number(inserts[0]!.calls)).toBe(rounds);
    expect(Number(inserts[0]!.rows)).toBe(samples);
    expect(
      await sql(url, `SELECT 1 FROM metrics_data GROUP BY metric_name, labels, "timestamp" HAVING count(*) > 1`),
    ).toEqual([]);
    api.recorder!.start();
  });

  it('records nothing for a round while Prometheus is down, and the gap stays', async () => {
    await forwarder.down();
    const downFrom = Date.now();
    await eventually(
      async () =>
        (
          await sql(url, `SELECT 1 FROM history_rounds WHERE outcome = 'upstream_failed' AND at > $1`, [
            new Date(downFrom + 1_000),
          ])
        ).length >= 2 || undefined,
      20_000,
      'two rounds while Prometheus is down',
    );
    await forwarder.up();
    const upAt = Date.now();
    await eventually(
      async () =>
        (await sql(url, `SELECT 1 FROM history_rounds WHERE outcome = 'recorded' AND at > $1`, [new Date(upAt)]))
          .length > 0 || undefined,
      20_000,
      'a round after Prometheus is back',
    );

    const failed = await sql<{ at: Date; samples: number }>(
      url,
      `SELECT at, samples FROM history_rounds WHERE outcome = 'upstream_failed' ORDER BY at`,
    );
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((round) => round.samples === 0)).toBe(true);
    const inGap = await sql(url, `SELECT 1 FROM metrics_data WHERE "timestamp" = ANY($1)`, [
      failed.map((round) => round.at),
    ]);
    expect(inGap).toEqual([]);

    const from = failed[0]!.at.getTime() - 5_000;
    const { body } = await api.get(
      `/api/v1/history/cpu?from=${new Date(from).toISOString()}&to=${new Date(upAt + 3_000).toISOString()}&resolution=raw`,
    );
    const times = new Set(body.points.map((point: { timestamp: string }) => Date.parse(point.timestamp)));
    expect(failed.some((round) => times.has(round.at.getTime()))).toBe(false);
    expect(body.points.every((point: { value: number }) => Number.isFinite(point.value))).toBe(true);
  });
});

describe('reading history', () => {
  let url: string;
  let api: RunningApi;
  /** A January of minute rounds: cpu cycles 0…59 each hour; instance a is 10, instance b 20. */
  const january = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 1) };

  beforeAll(async () => {
    url = await freshDatabase(stack.urls.database, 'history_reads');
    api = await startApi(
      { PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_DATABASE_URL: url, PROMWALL_HISTORY_INTERVAL: '1m' },
      { record: false },
    );
    await api.database!.migrated;
    const writer = new HistoryWriter(api.database!, 'prometheus');
    await writer.ensurePartition(january.from);
    await sql(
      url,
      `WITH minutes AS (SELECT t, extract(minute FROM t) AS m FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 minute', interval '1 minute') AS t),
       rounds AS (INSERT INTO history_rounds (at, outcome, samples) SELECT t, 'recorded', 3 FROM minutes)
       INSERT INTO metrics_data (metric_name, metric_value, "timestamp", labels, source)
       SELECT 'cpu', m, t, '{}'::jsonb, 'prometheus' FROM minutes
       UNION ALL SELECT 'cpu', 10, t, '{"instance": "a"}'::jsonb, 'prometheus' FROM minutes
       UNION ALL SELECT 'cpu', 20, t, '{"instance": "b"}'::jsonb, 'prometheus' FROM minutes`,
      [new Date(january.from), new Date(january.to)],
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  const at = (ms: number) => new Date(ms).toISOString();

  it('answers the raw rounds of a range, both ends included', async () => {
    const { status, body } = await api.get(
      `/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.from + 10 * MINUTE)}&resolution=raw`,
    );

    expect(status).toBe(200);
    expect(historySeries.parse(body)).toEqual(body);
    expect(body).toMatchObject({ metric: 'cpu', unit: 'percent', resolution: 'raw', instance: null, stepSeconds: 60 });
    expect(body.points).toHaveLength(11);
    expect(body.points[3]).toEqual({ timestamp: at(january.from + 3 * MINUTE), value: 3 });
  });

  it('averages over buckets in SQL', async () => {
    const fiveMinutes = await api.get(
      `/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.from + HOUR - 1)}&resolution=5m`,
    );
    expect(fiveMinutes.body.points).toHaveLength(12);
    expect(fiveMinutes.body.points.map((point: { value: number }) => point.value)).toEqual([
      2, 7, 12, 17, 22, 27, 32, 37, 42, 47, 52, 57,
    ]);

    const days = await api.get(`/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.to - 1)}&resolution=1d`);
    expect(days.body.points).toHaveLength(31);
    expect(days.body.points[30]).toEqual({ timestamp: at(january.to - DAY), value: 29.5 });
  });

  it('answers one instance when asked, and nothing for an unknown one', async () => {
    const { body } = await api.get(
      `/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.to)}&resolution=1h&instance=b`,
    );
    expect(body.instance).toBe('b');
    expect(body.points).toHaveLength(31 * 24);
    expect(new Set(body.points.map((point: { value: number }) => point.value))).toEqual(new Set([20]));

    const hostile = `x'); DROP TABLE metrics_data; --`;
    const none = await api.get(
      `/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.to)}&resolution=1h&instance=${encodeURIComponent(hostile)}`,
    );
    expect(none.status).toBe(200);
    expect(none.body.points).toEqual([]);
    expect(await tables(url)).toContain('metrics_data');
  });

  it('picks the finest resolution that fits when none is asked for', async () => {
    const week = await api.get(`/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.from + 7 * DAY)}`);
    expect(week.body.resolution).toBe('raw');
    const month = await api.get(`/api/v1/history/cpu?from=${at(january.from)}&to=${at(january.to)}`);
    expect(month.body.resolution).toBe('5m');
    expect(month.body.points.length).toBeLessThanOrEqual(11_000);
  });

  it('describes what is recorded', async () => {
    const { status, body } = await api.get('/api/v1/history');

    expect(status).toBe(200);
    expect(historyInfo.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      intervalSeconds: 60,
      retentionDays: 400,
      first: at(january.from),
      last: at(january.to - MINUTE),
      instances: { cpu: ['a', 'b'], memory: [] },
    });
  });

  it.each([
    ['/api/v1/history/disk', 'bad_request', 'no headline metric named "disk"'],
    ['/api/v1/history/%22%3E%3Cscript%3E', 'bad_request', 'no headline metric'],
    ['/api/v1/history/cpu?from=yesterday', 'bad_request', 'from: must be an ISO 8601 time'],
    ['/api/v1/history/cpu?from=2025-02-31T00:00:00Z', 'bad_request', 'from: must be an ISO 8601 time'],
    ['/api/v1/history/cpu?to=2025-01-01T00:00:00', 'bad_request', 'to: must be an ISO 8601 time'],
    ['/api/v1/history/cpu?to=-5', 'bad_request', 'to: must be an ISO 8601 time'],
    ['/api/v1/history/cpu?to=99999999999999', 'bad_request', 'to: must be an ISO 8601 time'],
    ['/api/v1/history/cpu?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z', 'bad_request', 'from must be before to'],
    ['/api/v1/history/cpu?from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'bad_request', 'from must be before to'],
    ['/api/v1/history/cpu?from=1795000000', 'bad_request', 'from: must be an ISO 8601 time'],
    [
      '/api/v1/history/cpu?from=2025-01-01T00:00:00Z&from=2025-01-02T00:00:00Z',
      'bad_request',
      'from: given more than once',
    ],
    ['/api/v1/history/cpu?resolution=1m', 'bad_request', 'resolution: '],
    ['/api/v1/history/cpu?instance=', 'bad_request', 'instance: must not be empty'],
    [`/api/v1/history/cpu?instance=${'x'.repeat(1025)}`, 'bad_request', 'instance: must be at most 1024'],
    ['/api/v1/history/cpu?limit=5', 'bad_request', 'unknown parameter: limit'],
    [
      '/api/v1/history/cpu?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z&resolution=raw',
      'too_many_points',
      '44641 points',
    ],
    [
      '/api/v1/history/cpu?from=1970-01-01T00:00:00Z&to=2033-05-18T03:33:20Z&resolution=1d',
      'too_many_points',
      'at most 11000',
    ],
    ['/api/v1/history/cpu?from=1970-01-01T00:00:00Z&to=2033-05-18T03:33:20Z', 'too_many_points', 'at 1d'],
    ['/api/v1/history?metric=cpu', 'bad_request', 'unknown parameter: metric'],
    ['/api/v1/history/export?format=xml', 'bad_request', 'format: '],
    ['/api/v1/history/export?metric=disk', 'bad_request', 'no headline metric named "disk"'],
    ["/api/v1/history/export?metric=cpu'%3B--", 'bad_request', 'no headline metric'],
    [
      '/api/v1/history/export?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z',
      'bad_request',
      'from must be before to',
    ],
  ])('refuses %s with 400 %s', async (path, code, message) => {
    const { status, body } = await api.get(path);

    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(message);
  });

  it('exports the stored rows as CSV in the standard format', async () => {
    const response = await fetch(
      `${api.url}/api/v1/history/export?format=csv&metric=cpu&from=${at(january.from)}&to=${at(january.from + MINUTE)}`,
    );
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="promwall-history-cpu-20250101T000000Z-20250101T000100Z.csv"',
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('metric_name,metric_value,timestamp,labels,source,data_type');
    expect(lines.slice(1).sort()).toEqual(
      [
        'cpu,0,2025-01-01T00:00:00.000Z,{},prometheus,metric',
        'cpu,1,2025-01-01T00:01:00.000Z,{},prometheus,metric',
        'cpu,10,2025-01-01T00:00:00.000Z,"{""instance"": ""a""}",prometheus,metric',
        'cpu,10,2025-01-01T00:01:00.000Z,"{""instance"": ""a""}",prometheus,metric',
        'cpu,20,2025-01-01T00:00:00.000Z,"{""instance"": ""b""}",prometheus,metric',
        'cpu,20,2025-01-01T00:01:00.000Z,"{""instance"": ""b""}",prometheus,metric',
      ].sort(),
    );
  });

  it('exports the same rows as a JSON array', async () => {
    const range = `from=${at(january.from)}&to=${at(january.from + DAY)}`;
    const json = (await (await fetch(`${api.url}/api/v1/history/export?format=json&${range}`)).json()) as any[];
    const csv = await (await fetch(`${api.url}/api/v1/history/export?format=csv&${range}`)).text();

    expect(json).toHaveLength(3 * (24 * 60 + 1));
    expect(json[0]).toEqual({
      metric_name: 'cpu',
      metric_value: expect.any(Number),
      timestamp: expect.stringMatching(/^2025-01-01T\d\d:\d\d:00\.000Z$/),
      labels: expect.any(Object),
      source: 'prometheus',
      data_type: 'metric',
    });
    expect(csv.trimEnd().split('\n')).toHaveLength(json.length + 1);
    const empty = await (
      await fetch(`${api.url}/api/v1/history/export?format=json&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`)
    ).json();
    expect(empty).toEqual([]);
  });
});

describe('the walls in PostgreSQL, as replicas share them', () => {
  let url: string;
  let database: Database;

  beforeAll(async () => {
    url = await freshDatabase(stack.urls.database, 'displays_contract');
    database = openDatabase({ url, poolSize: 2 }, pino({ level: 'silent' }), createMetrics().registry);
    await database.migrated;
  });

  afterAll(async () => {
    await database?.close();
  });

  // The store reads the database's clock: time passes by making every heartbeat older.
  displaysStoreContract(
    async (limits) => {
      await sql(url, 'TRUNCATE displays');
      return {
        store: new PostgresDisplaysStore(database, limits),
        advance: async (ms) => {
          await sql(
            url,
            `UPDATE displays SET last_seen_at = last_seen_at - make_interval(secs => $1::double precision / 1000),
               first_seen_at = first_seen_at - make_interval(secs => $1::double precision / 1000)`,
            [ms],
          );
        },
      };
    },
    { floodPerRound: 200 },
  );
});

describe('a large export', () => {
  const ROWS = 1_000_000;
  /** Growth of the server's resident memory allowed by the end of the reader's pause: with
   * backpressure the server reads nothing meanwhile (it grows once, by V8's young generation
   * reaching its size and the socket's buffers filling: 15–34 MB seen); without, the whole
   * export (76 MB, more as rows in memory) piles up. */
  const PAUSED_BOUND_MB = 48;
  /** Growth allowed from one second into the pause to its end: none, but for noise. Without
   * backpressure the server keeps reading its 76 MB meanwhile. */
  const PAUSED_DRIFT_MB = 8;
  /** Growth allowed over the whole export: the chunks passing through are buffers outside V8's
   * heap, which it frees in batches once about 64 MB of them have been allocated, whatever the
   * export's size (bench:history: +46 MB over a 218 MB export). */
  const BOUND_MB = 96;
  let url: string;
  let supervisor: Supervisor;
  let server: { url: string; pid: number };
  const march = Date.UTC(2025, 2, 1);

  function residentMb(pid: number): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) / 1024;
  }

  beforeAll(async () => {
    url = await freshDatabase(stack.urls.database, 'history_export_large');
    await withPool(url, (pool) => migrate(pool));
    for (const month of [2, 3, 4]) {
      const from = new Date(Date.UTC(2025, month, 1)).toISOString();
      const to = new Date(Date.UTC(2025, month + 1, 1)).toISOString();
      await sql(
        url,
        `CREATE TABLE metrics_data_y2025m0${month + 1} PARTITION OF metrics_data FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
    }
    // 100,000 minute rounds of five metrics, overall and for one instance.
    await sql(
      url,
      `INSERT INTO metrics_data (metric_name, metric_value, "timestamp", labels, source)
       SELECT metric, round * 0.001 + 1.5, $1::timestamptz + round * interval '1 minute', labels, 'prometheus'
       FROM generate_series(0, ${ROWS / 10 - 1}) AS round,
            unnest(ARRAY['cpu', 'memory', 'dbConnections', 'rps', 'latencyP95']) AS metric,
            unnest(ARRAY['{}', '{"instance": "node-1:9100"}']::jsonb[]) AS labels`,
      [new Date(march)],
    );
    supervisor = new Supervisor(join(repoRoot, '.data-test', 'history', 'logs'));
    const [port] = await freePorts(1);
    const running = await supervisor.start({
      name: 'promwall-export',
      command: process.execPath,
      args: ['--enable-source-maps', join(repoRoot, 'apps', 'api', 'dist', 'main.js')],
      env: { ...process.env, PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_DATABASE_URL: url, PORT: String(port) },
      ready: () => httpReady(`http://127.0.0.1:${port}/api/v1/history`),
    });
    server = { url: `http://127.0.0.1:${port}`, pid: running.pid };
  }, 300_000);

  afterAll(async () => {
    await supervisor?.stopAll();
  });

  it(`streams ${ROWS.toLocaleString('en')} rows to a slow reader with the server's memory bounded`, async () => {
    // Warm up: the first export loads code and fills the pool; later growth is the export's.
    await (await fetch(`${server.url}/api/v1/history/export?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z`)).text();
    const baseline = residentMb(server.pid);
    let peak = baseline;
    let paused = baseline;
    let pausing = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(server.pid))), 50);
    const started = Date.now();
    let lines = 0;
    let bytes = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${server.url}/api/v1/history/export?format=csv&to=2025-06-01T00:00:00Z`, (response) => {
            expect(response.statusCode).toBe(200);
            // A reader that stops for five seconds: without backpressure the server would
            // buffer the whole export meanwhile.
            response.once('data', () => {
              response.pause();
              setTimeout(() => (pausing = residentMb(server.pid)), 1_000);
              setTimeout(() => {
                paused = residentMb(server.pid);
                response.resume();
              }, 5_000);
            });
            response.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
            });
            response.on('end', resolve);
            response.on('error', reject);
          })
          .on('error', reject);
      });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const grewMb = peak - baseline;
    const pausedMb = paused - baseline;
    const driftMb = paused - pausing;
    console.log(
      `history export: ${ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; server RSS ${baseline.toFixed(1)} MB, ` +
        `+${pausedMb.toFixed(1)} MB after the 5 s pause (bound ${PAUSED_BOUND_MB} MB), ` +
        `${driftMb.toFixed(1)} MB of it in its last 4 s (bound ${PAUSED_DRIFT_MB} MB), peak +${grewMb.toFixed(1)} MB (bound ${BOUND_MB} MB)`,
    );
    expect(lines).toBe(ROWS + 1);
    expect(bytes).toBeGreaterThan(1.5 * PAUSED_BOUND_MB * 1e6);
    expect(pausedMb).toBeLessThan(PAUSED_BOUND_MB);
    expect(driftMb).toBeLessThan(PAUSED_DRIFT_MB);
    expect(grewMb).toBeLessThan(BOUND_MB);
  }, 300_000);
});
