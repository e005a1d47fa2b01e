import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  done,
  ensureBuild,
  ensurePackages,
  freePorts,
  httpReady,
  repoRoot,
  stackPackages,
  step,
  Supervisor,
  type Stack,
} from '@promwall/stack';
import { runLoad, startTestStack, type LoadResult } from '@promwall/stack/testing';
import pg from 'pg';
import { runBench } from './runBench.ts';

/**
 * History benchmarks (`npm run bench:history`): how fast the recorder writes, how fast an export
 * streams, and how long history queries take over a year of 60 s rounds. Everything runs against
 * a throwaway stack's PostgreSQL and Promwall processes started from the build, over HTTP.
 */

const resultsFile = join(repoRoot, 'bench', 'history-results.md');
/** PROMWALL_BENCH_SECONDS shortens the runs for a quick check of the bench itself. */
const seconds = Number(process.env.PROMWALL_BENCH_SECONDS || 10);
const DAY_MS = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
/** Instances per metric in the year of data: a round is 5 headline figures and 10 instance ones. */
const YEAR_INSTANCES = 2;
const queryConnections = 4;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

interface Ctx {
  stack: Stack;
  supervisor: Supervisor;
  configFile: string;
  signal: AbortSignal;
}

async function main(signal: AbortSignal): Promise<void> {
  const [loadAverage = 0] = loadavg();
  ensurePackages(stackPackages);
  ensureBuild();
  const configDir = mkdtempSync(join(tmpdir(), 'promwall-bench-history-'));
  const configFile = join(configDir, 'promwall.yml');
  // The default rate limit per client would turn the query runs into 429 answers.
  writeFileSync(configFile, 'limits:\n  rateLimit:\n    requests: 100000000\n    per: 1m\n');
  let stack: Stack | undefined;
  let supervisor: Supervisor | undefined;
  try {
    const started = await startTestStack('bench-history', { signal, withoutPromwall: true });
    stack = started.stack;
    supervisor = new Supervisor(join(started.options.dataDir, 'logs'));
    const ctx: Ctx = { stack, supervisor, configFile, signal };

    const recorder = [await recorderRun(ctx, 1), await recorderRun(ctx, 1_000)];
    const year = await loadYear(ctx);
    const queries = await queryRuns(ctx, year.url);
    const exports = [await exportRun(ctx, year.url, 'csv'), await exportRun(ctx, year.url, 'json')];

    const document = [
      '# Promwall history benchmark results',
      '',
      `Measured ${new Date().toISOString()} with \`npm run bench:history\` on Node ${process.version}, ` +
        `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadAverage.toFixed(1)} at the start; ` +
        `PostgreSQL from the embedded stack with its default settings, loopback only.`,
      '',
      '## Recorder',
      '',
      `Promwall recording every second for ${2 * seconds} s from an upstream that answers every headline query with ` +
        'the figure and N instances; write time from its own `promwall_history_write_duration_seconds`.',
      '',
      '| round | rounds written | rows | mean write per round | rows/s while writing |',
      '|---|--:|--:|--:|--:|',
      ...recorder.map(
        (run) =>
          `| ${run.label} | ${integer.format(run.rounds)} | ${integer.format(run.rows)} | ${decimal.format((run.writeSeconds / run.rounds) * 1000)} ms | ${integer.format(run.rows / run.writeSeconds)} |`,
      ),
      '',
      '## History queries over a year of 60 s rounds',
      '',
      `${integer.format(year.rows)} rows (${integer.format(year.rounds)} rounds of ${5 * (1 + YEAR_INSTANCES)} rows), ${year.sizeMb} MB with indexes, loaded in ${decimal.format(year.loadSeconds)} s. ` +
        `${queryConnections} connections, ${seconds} s per query.`,
      '',
      '| query | points | req/s | p50 | p99 | failed |',
      '|---|--:|--:|--:|--:|--:|',
      ...queries.map(
        ({ label, points, load }) =>
          `| ${label} | ${integer.format(points)} | ${decimal.format(load.requestsPerSecond)} | ${decimal.format(load.p50Ms)} ms | ${decimal.format(load.p99Ms)} ms | ${integer.format(load.failed)} |`,
      ),
      '',
      '## Export',
      '',
      '| export | rows | size | time | rows/s | server memory growth |',
      '|---|--:|--:|--:|--:|--:|',
      ...exports.map(
        (run) =>
          `| ${run.label} | ${integer.format(run.rows)} | ${decimal.format(run.bytes / 1e6)} MB | ${decimal.format(run.seconds)} s | ${integer.format(run.rows / run.seconds)} | +${decimal.format(run.growthMb)} MB |`,
      ),
      '',
    ].join('\n');
    writeFileSync(resultsFile, document);
    console.log(`\n${document}`);
    done(`results written to ${resultsFile}`);
  } finally {
    await supervisor?.stopAll();
    await stack?.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** A database of its own on the stack's PostgreSQL. */
async function freshDatabase(stack: Stack, name: string): Promise<string> {
  await withClient(stack.urls.database, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  const url = new URL(stack.urls.database);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function startPromwall(
  ctx: Ctx,
  name: string,
  env: Record<string, string>,
): Promise<{ url: string; pid: number }> {
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  const service = await ctx.supervisor.start(
    {
      name,
      command: process.execPath,
      args: ['--enable-source-maps', join(repoRoot, 'apps', 'api', 'dist', 'main.js')],
      env: { ...process.env, PROMWALL_CONFIG: ctx.configFile, HOST: '127.0.0.1', PORT: String(port), ...env },
      ready: () => httpReady(`${url}/api/v1/history`),
    },
    ctx.signal,
  );
  return { url, pid: service.pid };
}

/**
 * An upstream that answers every instant query with the headline figure and `instances` per-instance
 * figures, at the time asked: the recorder's rounds get as large as a fleet's without one.
 */
function fleetUpstream(instances: number): Server {
  return createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://upstream').searchParams;
    const time = Number(params.get('time') ?? Date.now() / 1000);
    const result = [
      { metric: { promwall_headline: '1' }, value: [time, '42.5'] },
      ...Array.from({ length: instances }, (_, i) => ({
        metric: { instance: `host-${i}.example:9100` },
        value: [time, String(i + 0.25)],
      })),
    ];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
}

async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

interface RecorderRun {
  label: string;
  rounds: number;
  rows: number;
  writeSeconds: number;
}

/** Promwall recording every second from a fleet of `instances` per metric; write time from the database. */
async function recorderRun(ctx: Ctx, instances: number): Promise<RecorderRun> {
  const rowsPerRound = 5 * (1 + instances);
  step(`recorder: rounds of ${rowsPerRound} rows, one per second for ${2 * seconds} s`);
  const upstream = fleetUpstream(instances);
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => upstream.listen(port, '127.0.0.1', resolve));
  const url = await freshDatabase(ctx.stack, `bench_recorder_${instances}`);
  const name = `promwall-recorder-${instances}`;
  try {
    const promwall = await startPromwall(ctx, name, {
      PROMETHEUS_URL: `http://127.0.0.1:${port}`,
      PROMWALL_DATABASE_URL: url,
      PROMWALL_HISTORY_INTERVAL: '1s',
    });
    await sleep(2 * seconds * 1000, undefined, { signal: ctx.signal });
    // Read while it runs: the histogram is this process's own.
    const writeSeconds = await metricSum(promwall.url, 'promwall_history_write_duration_seconds_sum');
    const rounds = await metricSum(promwall.url, 'promwall_history_write_duration_seconds_count');
    await ctx.supervisor.stop(name);
    const rows = await withClient(url, async (client) => {
      const result = await client.query<{ rows: number }>('SELECT count(*)::int AS rows FROM metrics_data');
      return result.rows[0]!.rows;
    });
    done(`${integer.format(rows)} rows in ${integer.format(rounds)} rounds`);
    return {
      label: `${integer.format(instances)} instance${instances === 1 ? '' : 's'}: 5 × (1 + ${integer.format(instances)}) = ${integer.format(rowsPerRound)} rows`,
      rounds,
      rows,
      writeSeconds,
    };
  } finally {
    upstream.close();
  }
}

interface Year {
  url: string;
  rounds: number;
  rows: number;
  sizeMb: string;
  loadSeconds: number;
}

/** A year of 60 s rounds, written straight into the schema Promwall migrated. */
async function loadYear(ctx: Ctx): Promise<Year> {
  const url = await freshDatabase(ctx.stack, 'bench_history_year');
  // Promwall migrates the new database on start; it records nothing here (its upstream is down).
  await startPromwall(ctx, 'promwall-year', {
    PROMETHEUS_URL: 'http://127.0.0.1:9',
    PROMWALL_DATABASE_URL: url,
  });
  step('loading a year of 60 s rounds');
  const started = Date.now();
  const rounds = (Date.UTC(2026, 0, 1) - YEAR_START) / 60_000;
  await withClient(url, async (client) => {
    for (let month = 0; month < 12; month++) {
      const from = new Date(Date.UTC(2025, month, 1)).toISOString();
      const to = new Date(Date.UTC(2025, month + 1, 1)).toISOString();
      // Any partition name serves reads; retention manages only the ones Promwall names itself.
      await client.query(
        `CREATE TABLE bench_year_${month} PARTITION OF metrics_data FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
      const labels = ['{}', ...Array.from({ length: YEAR_INSTANCES }, (_, i) => `{"instance": "node-${i}:9100"}`)];
      await client.query(
        `INSERT INTO metrics_data (metric_name, metric_value, "timestamp", labels, source)
         SELECT metric, 50 + 40 * sin(extract(epoch FROM t) / 86400 * 2 * pi()) + random(), t, labels, 'prometheus'
         FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 minute', interval '1 minute') AS t,
              unnest(ARRAY['cpu', 'memory', 'dbConnections', 'rps', 'latencyP95']) AS metric,
              unnest($3::jsonb[]) AS labels`,
        [from, to, labels],
      );
      await client.query(
        `INSERT INTO history_rounds (at, outcome, samples)
         SELECT t, 'recorded', $3 FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 minute', interval '1 minute') AS t`,
        [from, to, 5 * labels.length],
      );
      process.stdout.write('.');
    }
    await client.query('VACUUM ANALYZE metrics_data');
    await client.query('VACUUM ANALYZE history_rounds');
  });
  const loadSeconds = (Date.now() - started) / 1000;
  const [size] = await withClient(url, (client) =>
    client
      .query<{ rows: number; bytes: string }>(
        `SELECT (SELECT count(*) FROM metrics_data)::int AS rows,
                (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'metrics_data'::regclass)::text AS bytes`,
      )
      .then((result) => result.rows),
  );
  process.stdout.write('\n');
  done(`${integer.format(size!.rows)} rows in ${decimal.format(loadSeconds)} s`);
  await ctx.supervisor.stop('promwall-year');
  return {
    url,
    rounds,
    rows: size!.rows,
    sizeMb: integer.format(Number(size!.bytes) / 1e6),
    loadSeconds,
  };
}

async function queryRuns(ctx: Ctx, url: string): Promise<{ label: string; points: number; load: LoadResult }[]> {
  const promwall = await startPromwall(ctx, 'promwall-queries', {
    PROMETHEUS_URL: 'http://127.0.0.1:9',
    PROMWALL_DATABASE_URL: url,
  });
  const at = (ms: number) => new Date(ms).toISOString();
  const end = Date.UTC(2026, 0, 1) - 1;
  const shapes = [
    { label: 'a day, raw', from: end - DAY_MS, resolution: 'raw' },
    { label: 'a month at 5m', from: end - 31 * DAY_MS, resolution: '5m' },
    { label: 'a quarter at 1h', from: end - 92 * DAY_MS, resolution: '1h' },
    { label: 'a year at 1h', from: YEAR_START, resolution: '1h' },
    { label: 'a year at 1h, one instance', from: YEAR_START, resolution: '1h', instance: 'node-1:9100' },
    { label: 'a year at 1d', from: YEAR_START, resolution: '1d' },
  ];
  const runs = [];
  for (const shape of shapes) {
    const query = new URLSearchParams({ from: at(shape.from), to: at(end), resolution: shape.resolution });
    if (shape.instance) query.set('instance', shape.instance);
    const target = `${promwall.url}/api/v1/history/cpu?${query}`;
    const { points } = (await (await fetch(target)).json()) as { points: unknown[] };
    step(`query: ${shape.label} (${points.length} points)`);
    runs.push({
      label: `\`cpu\`, ${shape.label}`,
      points: points.length,
      load: await runLoad(target, { connections: queryConnections, seconds, signal: ctx.signal }),
    });
  }
  await ctx.supervisor.stop('promwall-queries');
  return runs;
}

interface ExportRun {
  label: string;
  rows: number;
  bytes: number;
  seconds: number;
  growthMb: number;
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) / 1024;
}

/** Two months of the year's rows, read as fast as the client can take them. */
async function exportRun(ctx: Ctx, url: string, format: 'csv' | 'json'): Promise<ExportRun> {
  const name = `promwall-export-${format}`;
  const promwall = await startPromwall(ctx, name, { PROMETHEUS_URL: 'http://127.0.0.1:9', PROMWALL_DATABASE_URL: url });
  const range = `from=2025-01-01T00:00:00Z&to=${new Date(YEAR_START + 59 * DAY_MS - 1).toISOString()}`;
  await (await fetch(`${promwall.url}/api/v1/history/export?format=${format}&to=2025-01-01T01:00:00Z`)).text();
  step(`export: ${format}, two months`);
  const baseline = residentMb(promwall.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMb(promwall.pid))), 50);
  const started = Date.now();
  let bytes = 0;
  let lines = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      get(`${promwall.url}/api/v1/history/export?format=${format}&${range}`, (response) => {
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        response.on('end', resolve);
        response.on('error', reject);
      }).on('error', reject);
    });
  } finally {
    clearInterval(sampler);
  }
  const elapsed = (Date.now() - started) / 1000;
  await ctx.supervisor.stop(name);
  // CSV: a header line; JSON: the opening and closing bracket lines.
  const rows = format === 'csv' ? lines - 1 : lines - 2;
  done(`${integer.format(rows)} rows in ${decimal.format(elapsed)} s`);
  return { label: format.toUpperCase(), rows, bytes, seconds: elapsed, growthMb: peak - baseline };
}

runBench(main);
