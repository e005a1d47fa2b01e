import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDuration } from '@promwall/core/duration';
import { done, ensureBuild, ensurePackages, repoRoot, stackPackages, step, type Stack } from '@promwall/stack';
import { runLoad, startTestStack } from '@promwall/stack/testing';
import { cpuSeconds } from './cpuTime.ts';
import { formatRate, markdownTable, resultsDocument } from './report.ts';
import { runBench } from './runBench.ts';

const benchDir = join(repoRoot, 'bench');
const viewers = 64;
/** PROMWALL_BENCH_SECONDS shortens the run for a quick check of the bench itself. */
const seconds = Number(process.env.PROMWALL_BENCH_SECONDS || 15);
/** Longer than the stack's 1 s scrape interval: Prometheus's counters have caught up after it. */
const quietMs = 2_500;

/**
 * A board of 12 panels over the demo workload, each with the upstream requests one round of it
 * sends: a stat with a sparkline two (instant and range), a time series one per query; the
 * linked alert rules, targets and alerts come from caches of their own, one request per TTL.
 */
const PANELS = [
  { requests: 2, yaml: `{ id: rps, type: stat, title: Requests/s, query: 'sum(rate(app_request_total[1m]))' }` },
  {
    requests: 2,
    yaml: `{ id: p95, type: stat, title: p95, unit: seconds, query: 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))', alerts: [HighRequestLatency] }`,
  },
  { requests: 1, yaml: `{ id: users, type: stat, title: Users, query: 'sum(app_active_users)', sparkline: false }` },
  {
    requests: 2,
    yaml: `{ id: pool, type: stat, title: Pool, query: 'sum(app_db_connections)', alerts: [DatabaseConnectionHigh] }`,
  },
  {
    requests: 1,
    yaml: `{ id: by-route, type: timeseries, title: By route, queries: [{ query: 'sum by (route) (rate(app_request_total[1m]))', legend: '{{route}}' }] }`,
  },
  {
    requests: 2,
    yaml: `{ id: latency, type: timeseries, title: Latency, unit: seconds, queries: [{ query: 'histogram_quantile(0.5, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))' }, { query: 'histogram_quantile(0.99, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))' }] }`,
  },
  {
    requests: 1,
    yaml: `{ id: cpu, type: timeseries, title: CPU, unit: percent, queries: [{ query: '100 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100' }] }`,
  },
  {
    requests: 1,
    yaml: `{ id: memory, type: timeseries, title: Memory, unit: bytes, queries: [{ query: process_resident_memory_bytes }] }`,
  },
  { requests: 1, yaml: `{ id: up, type: table, title: Up, query: up }` },
  {
    requests: 1,
    yaml: `{ id: connections, type: table, title: Connections, query: 'sum by (datname) (pg_stat_database_numbackends)' }`,
  },
  { requests: 0, yaml: `{ id: targets, type: targets, title: Targets }` },
  { requests: 0, yaml: `{ id: alerts, type: alerts, title: Alerts }` },
];
/** Requests outside the panels' own rounds, each once per TTL: the rules, targets and alerts. */
const SHARED_REQUESTS = 3;

const board = `title: Bench
variables:
  - { name: job, match: up }
rows:
${[0, 4, 8]
  .map(
    (start) =>
      `  - panels:\n${PANELS.slice(start, start + 4)
        .map((panel) => `      - ${panel.yaml}`)
        .join('\n')}`,
  )
  .join('\n')}
`;

const upstreamCounter =
  'sum(prometheus_http_requests_total{handler=~"/api/v1/query|/api/v1/query_range|/api/v1/rules|/api/v1/targets|/api/v1/alerts"})';

/** Requests Prometheus answered on the endpoints panels use, from its own counters. */
async function upstreamRequestsServed(prometheusUrl: string): Promise<number> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: upstreamCounter })}`);
  const body = (await response.json()) as { data?: { result: { value: [number, string] }[] } };
  const sample = body.data?.result[0];
  if (!sample) throw new Error(`Prometheus has no ${upstreamCounter} yet (status ${response.status})`);
  return Number(sample.value[1]);
}

const PANEL_PATHS = PANELS.map(
  (panel) => `/api/v1/dashboards/bench/panels/${/id: ([\w-]+)/.exec(panel.yaml)![1]}?range=1h&points=600`,
);

/** `viewers` connections asking for the board's panels in turn, over and over, as browsers showing it do. */
function viewBoard(promwallUrl: string, runSeconds: number, signal: AbortSignal) {
  return runLoad(`${promwallUrl}${PANEL_PATHS[0]}`, {
    connections: viewers,
    seconds: runSeconds,
    paths: PANEL_PATHS,
    signal,
  });
}

async function main(signal: AbortSignal): Promise<void> {
  const [loadAverage = 0] = loadavg();
  ensurePackages([...stackPackages, 'wrk']);
  ensureBuild();
  const ttl = process.env.PROMWALL_CACHE_TTL || '2s';
  const ttlMs = parseDuration(ttl);
  if (!ttlMs) throw new Error(`PROMWALL_CACHE_TTL: not a duration (${ttl})`);
  const dir = mkdtempSync(join(tmpdir(), 'promwall-bench-dashboards-'));
  const configFile = join(dir, 'promwall.yml');
  // The default rate limit per client would turn the measurement into one of 429 answers.
  writeFileSync(configFile, 'limits:\n  rateLimit:\n    requests: 100000000\n    per: 1m\n');
  writeFileSync(join(dir, 'bench.yml'), board);

  let stack: Stack | undefined;
  try {
    ({ stack } = await startTestStack('bench-dashboards', {
      signal,
      promwallEnv: { PROMWALL_CONFIG: configFile, PROMWALL_CACHE_TTL: ttl, PROMWALL_DASHBOARDS_DIR: dir },
    }));
    const { prometheus, promwall } = stack.urls;
    const promwallPid = stack.services().find((service) => service.name === 'promwall')?.pid;
    if (promwallPid === undefined) throw new Error('the stack has no Promwall process');
    step('waiting for the board to have data');
    for (;;) {
      const body = (await (await fetch(`${promwall}/api/v1/dashboards/bench/panels/rps`)).json()) as {
        value?: unknown;
      };
      if (typeof body.value === 'number') break;
      await sleep(500, undefined, { signal });
    }
    done('the board has data');
    step('warming up (2 s)');
    await viewBoard(promwall, 2, signal);

    await sleep(quietMs, undefined, { signal });
    const before = await upstreamRequestsServed(prometheus);
    step(`${viewers} viewers of a board of ${PANELS.length} panels, ${seconds} s`);
    const cpuBefore = cpuSeconds(promwallPid);
    const load = await viewBoard(promwall, seconds, signal);
    const cpuPerRequest = (cpuSeconds(promwallPid) - cpuBefore) / load.requests;
    await sleep(quietMs, undefined, { signal });
    // Less one: the reading before the run is a query itself.
    const upstream = (await upstreamRequestsServed(prometheus)) - before - 1;
    done(`${formatRate(load.requestsPerSecond)} req/s, ${formatRate(upstream / load.seconds)} upstream requests/s`);

    // A window of T seconds holds at most ⌊T ÷ TTL⌋ + 1 rounds per panel, the first at its start.
    const windows = Math.floor(load.seconds / (ttlMs / 1000)) + 1;
    const perRound = PANELS.reduce((sum, panel) => sum + panel.requests, 0) + SHARED_REQUESTS;
    const table = markdownTable([
      {
        run: `dashboard: ${PANELS.length} panels (\`GET /api/v1/dashboards/{id}/panels/{panel}\`)`,
        connections: viewers,
        load,
        upstream:
          `${formatRate(upstream / load.seconds)}: ${upstream} requests in ${load.seconds.toFixed(1)} s ` +
          `(bound: one round of the ${PANELS.length} panels, ${perRound} requests, per ${ttlMs / 1000} s TTL, ` +
          `at most ${perRound * windows}: ${upstream <= perRound * windows ? 'within' : '**exceeded**'})`,
        cpuPerRequest: `${Math.round(cpuPerRequest * 1e6)} µs`,
        comparison: '—',
      },
    ]);
    const document = resultsDocument(
      {
        date: new Date(),
        nodeVersion: process.version,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown model',
        command: 'npm run bench:dashboards',
        loadAverage,
        settings: `wrk (one thread), ${viewers} connections asking for the ${PANELS.length} panels in turn (range 1h, 600 points), ${seconds} s, cache TTL ${ttl}, loopback only; Promwall's rate limit raised out of the way.`,
      },
      table,
      [
        `Upstream requests are those Prometheus counted on query, query_range, rules, targets and alerts, read before and after the run; Alertmanager's are not counted.`,
        `wrk, Prometheus and Promwall share the machine's ${availableParallelism()} CPUs; Promwall CPU/req is the CPU time its process used during the run, per answer.`,
      ],
    );
    writeFileSync(join(benchDir, 'dashboards-results.md'), document);
    console.log(`\n${document}`);
    done('written to bench/dashboards-results.md');
  } finally {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
