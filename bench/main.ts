import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDuration } from '@promwall/core/duration';
import { headlineMetrics } from '@promwall/core/headline';
import {
  ensureBuild,
  done,
  step,
  ensurePackages,
  SetupError,
  stackPackages,
  repoRoot,
  freePorts,
  httpReady,
  type Stack,
  ServiceFailed,
  Supervisor,
} from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { meanOf, runLoad, type LoadResult } from './load.ts';
import { naiveSummaryPath } from './naiveSummary.ts';
import { formatRate, markdownTable, ratioVerdict, resultsDocument, type BenchRow } from './report.ts';
import { instantQueriesServed } from './upstreamQueries.ts';

const benchDir = join(repoRoot, 'bench');
const connections = 64;
/** PROMWALL_BENCH_SECONDS shortens the runs for a quick check of the bench itself. */
const seconds = Number(process.env.PROMWALL_BENCH_SECONDS || 15);
const warmUpSeconds = 2;
/** Longer than the stack's 1 s scrape interval: Prometheus's counter has caught up after it. */
const quietMs = 2_500;
const summaryTarget = 50;
const proxyTarget = 0.6;
/** The instant query both sides of the proxy comparison answer. */
const proxyQuery = 'sum(rate(node_cpu_seconds_total[1m]))';

interface Targets {
  promwallSummary: string;
  naiveSummary: string;
  direct: string;
  proxied: string;
}

interface UpstreamLoad {
  load: LoadResult;
  /** Instant queries Prometheus answered during the run. */
  queries: number;
}

async function main(signal: AbortSignal): Promise<void> {
  const [loadAverage = 0] = loadavg();
  ensurePackages(stackPackages);
  ensureBuild();
  const ttl = process.env.PROMWALL_CACHE_TTL || '2s';
  const ttlMs = parseDuration(ttl);
  if (!ttlMs) throw new Error(`PROMWALL_CACHE_TTL: not a duration (${ttl})`);
  const configDir = mkdtempSync(join(tmpdir(), 'promwall-bench-'));
  const configFile = join(configDir, 'promwall.yml');
  // The default rate limit per client would turn the measurement into one of 429 answers.
  writeFileSync(configFile, 'limits:\n  rateLimit:\n    requests: 100000000\n    per: 1m\n');

  let stack: Stack | undefined;
  let naive: Supervisor | undefined;
  try {
    const started = await startTestStack('bench', {
      signal,
      promwallEnv: { PROMWALL_CONFIG: configFile, PROMWALL_CACHE_TTL: ttl },
    });
    stack = started.stack;
    naive = new Supervisor(join(started.options.dataDir, 'logs'));
    const naiveUrl = await startNaiveSummary(naive, stack.urls.prometheus, signal);
    const { prometheus, promwall } = stack.urls;
    const targets: Targets = {
      promwallSummary: `${promwall}/api/v1/summary`,
      naiveSummary: `${naiveUrl}${naiveSummaryPath}`,
      direct: `${prometheus}/api/v1/query?${new URLSearchParams({ query: proxyQuery })}`,
      proxied: `${promwall}/api/prom/api/v1/query?${new URLSearchParams({ query: proxyQuery })}`,
    };
    await untilHeadlinesHaveData(prometheus, signal);
    const proxyStatus = (await fetch(targets.proxied)).status;
    const withProxy = proxyStatus === 200;
    if (!withProxy) step(`the PromQL proxy answers ${proxyStatus}: measuring the summary only`);

    const load = (url: string, runSeconds = seconds) => runLoad(url, { connections, seconds: runSeconds, signal });
    step(`warming up (${warmUpSeconds} s per target)`);
    for (const url of withProxy ? Object.values(targets) : [targets.promwallSummary, targets.naiveSummary])
      await load(url, warmUpSeconds);

    const measureUpstream = async (name: string, url: string): Promise<UpstreamLoad> => {
      await sleep(quietMs, undefined, { signal });
      const before = await instantQueriesServed(prometheus);
      step(`${name}: ${connections} connections, ${seconds} s`);
      const result = await load(url);
      await sleep(quietMs, undefined, { signal });
      // Less one: the reading before the run is an instant query itself.
      const queries = (await instantQueriesServed(prometheus)) - before - 1;
      done(
        `${name}: ${formatRate(result.requestsPerSecond)} req/s, ${formatRate(queries / result.seconds)} upstream queries/s`,
      );
      return { load: result, queries };
    };
    const promwallRun = await measureUpstream('Promwall summary', targets.promwallSummary);
    const naiveRun = await measureUpstream('naive summary', targets.naiveSummary);

    const directRuns: LoadResult[] = [];
    const proxiedRuns: LoadResult[] = [];
    if (withProxy) {
      // Taken in turn and averaged, so that drift (Prometheus's head growing, a neighbour's load)
      // falls on both sides alike.
      for (const round of [1, 2]) {
        for (const [name, url, runs] of [
          ['Prometheus direct', targets.direct, directRuns],
          ['through Promwall', targets.proxied, proxiedRuns],
        ] as const) {
          await sleep(1_000, undefined, { signal });
          step(`${name} (${round}/2): ${connections} connections, ${seconds} s`);
          const result = await load(url);
          done(`${name}: ${formatRate(result.requestsPerSecond)} req/s`);
          runs.push(result);
        }
      }
    }

    const rows = tableRows(promwallRun, naiveRun, ttlMs, directRuns, proxiedRuns);
    const table = markdownTable(rows);
    const notes = [
      ...(withProxy ? [] : [`The PromQL proxy answered ${proxyStatus}, so the proxy rows are missing.`]),
      `The load generator (autocannon, one thread), Prometheus, Promwall and the naive server share the machine's ${availableParallelism()} CPUs.`,
    ];
    const document = resultsDocument(
      {
        date: new Date(),
        nodeVersion: process.version,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown model',
        command: 'npm run bench',
        loadAverage,
        settings: `${connections} connections, ${seconds} s per run, cache TTL ${ttl}, loopback only.`,
      },
      table,
      notes,
    );
    writeFileSync(join(benchDir, 'results.md'), document);
    console.log(`\n${document}`);
    done('written to bench/results.md');
  } finally {
    await naive?.stopAll();
    await stack?.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

async function startNaiveSummary(supervisor: Supervisor, prometheusUrl: string, signal: AbortSignal): Promise<string> {
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  step(`starting the naive summary server on ${url}`);
  const service = await supervisor.start(
    {
      name: 'naive-summary',
      command: process.execPath,
      args: ['--import', 'tsx', join(benchDir, 'naiveSummary.ts')],
      cwd: repoRoot,
      env: { ...process.env, PROMETHEUS_URL: prometheusUrl, HOST: '127.0.0.1', PORT: String(port) },
      ready: () => httpReady(`${url}${naiveSummaryPath}`),
    },
    signal,
  );
  done(`naive summary server up (pid ${service.pid})`);
  return url;
}

/** Rates over [5m] need two scrapes: until then the naive server would answer zeros for free. */
async function untilHeadlinesHaveData(prometheusUrl: string, signal: AbortSignal): Promise<void> {
  step('waiting for data behind every headline query');
  const deadline = Date.now() + 60_000;
  for (const metric of Object.values(headlineMetrics)) {
    while (!(await hasData(prometheusUrl, metric.query))) {
      if (Date.now() > deadline) throw new Error(`no data for the ${metric.key} query after 60 s`);
      await sleep(500, undefined, { signal });
    }
  }
  done('every headline query has data');
}

async function hasData(prometheusUrl: string, query: string): Promise<boolean> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  const body = (await response.json()) as { data?: { result: { value: [number, string] }[] } };
  const value = body.data?.result[0]?.value[1];
  return value !== undefined && Number.isFinite(Number(value));
}

function tableRows(
  promwall: UpstreamLoad,
  naive: UpstreamLoad,
  ttlMs: number,
  direct: LoadResult[],
  proxied: LoadResult[],
): BenchRow[] {
  const metricCount = Object.keys(headlineMetrics).length;
  const ttlSeconds = ttlMs / 1000;
  // Over a finite window the first round comes free: a window of T seconds holds at most
  // ⌊T ÷ TTL⌋ + 1 rounds, which is the bound metrics ÷ TTL plus that one round.
  const rounds = promwall.queries / metricCount;
  const maxRounds = Math.floor(promwall.load.seconds / ttlSeconds) + 1;
  const rows: BenchRow[] = [
    {
      run: 'summary: Promwall `GET /api/v1/summary`',
      load: promwall.load,
      upstream:
        `${formatRate(promwall.queries / promwall.load.seconds)}: ${Number.isInteger(rounds) ? rounds : rounds.toFixed(1)} rounds in ` +
        `${promwall.load.seconds.toFixed(1)} s (bound ${metricCount} ÷ ${ttlSeconds} s = ${formatRate(metricCount / ttlSeconds)}/s, ` +
        `at most ${maxRounds} rounds: ${rounds <= maxRounds ? 'within' : '**exceeded**'})`,
      comparison: ratioVerdict(promwall.load.requestsPerSecond / naive.load.requestsPerSecond, summaryTarget, 'naive'),
    },
    {
      run: 'summary: naive (5 sequential queries per request, no cache)',
      load: naive.load,
      upstream: formatRate(naive.queries / naive.load.seconds),
      comparison: 'baseline',
    },
  ];
  if (direct.length > 0 && proxied.length > 0) {
    const directMean = meanOf(direct);
    const proxiedMean = meanOf(proxied);
    rows.push(
      {
        run: `query: Prometheus direct (mean of ${direct.length} runs)`,
        load: directMean,
        upstream: '—',
        comparison: 'baseline',
      },
      {
        run: `query: through Promwall \`/api/prom\` (mean of ${proxied.length} runs)`,
        load: proxiedMean,
        upstream: '—',
        comparison: ratioVerdict(proxiedMean.requestsPerSecond / directMean.requestsPerSecond, proxyTarget, 'direct'),
      },
    );
  }
  return rows;
}

const aborted = new AbortController();
// A terminal's Ctrl-C reaches this process several times (directly, and relayed by npm and tsx):
// the handler stays installed so that a repeat cannot kill the process before its children stop.
const onSignal = (name: NodeJS.Signals) => {
  if (aborted.signal.aborted) return;
  step(`${name}: stopping`);
  aborted.abort(new Error(`${name} received`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main(aborted.signal).then(
  () => process.exit(0),
  (error: unknown) => {
    if (aborted.signal.aborted) console.error('benchmark interrupted; every process it started is stopped');
    // Set-up failures carry their own explanation (the build output, a component's log tail).
    else console.error(error instanceof SetupError || error instanceof ServiceFailed ? error.message : error);
    process.exit(aborted.signal.aborted ? 130 : 1);
  },
);
