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
  stackPackages,
  repoRoot,
  freePorts,
  httpReady,
  type Stack,
  Supervisor,
} from '@promwall/stack';
import { runLoad, startTestStack, type LoadResult } from '@promwall/stack/testing';
import { summaryWaits } from './cacheWaits.ts';
import { cpuSeconds } from './cpuTime.ts';
import { formatRate, markdownTable, ratioVerdict, resultsDocument, type BenchRow } from './report.ts';
import { instantQueriesServed } from './upstreamQueries.ts';
import { runBench } from './runBench.ts';

const benchDir = join(repoRoot, 'bench');
/** The load generator and the seeds' baseline, from Debian like the stack. */
const benchPackages = ['wrk', 'python3-flask', 'python3-requests'] as const;
/** Debian's interpreter, where python3-flask is installed (another python3 may come first on PATH). */
const debianPython = '/usr/bin/python3';
const summaryConnections = 64;
const proxyConnections = 32;
/** PROMWALL_BENCH_SECONDS shortens the runs for a quick check of the bench itself. */
const seconds = Number(process.env.PROMWALL_BENCH_SECONDS || 15);
const warmUpSeconds = 2;
/** Longer than the stack's 1 s scrape interval: Prometheus's counter has caught up after it. */
const quietMs = 2_500;
const targets = {
  summaryVsFlask: 50,
  summaryP99Ms: 50,
  identicalVsDirect: 1.5,
  distinctVsDirect: 0.45,
  distinctVsBare: 0.75,
};
/** The instant query of the pass-through runs; the distinct runs add a different constant to it each time. */
const proxyQuery = 'sum(rate(node_cpu_seconds_total[1m]))';
const flaskSummaryPath = '/api/metrics/summary';

interface Run {
  load: LoadResult;
  /** Instant queries Prometheus answered during the run, when counted. */
  queries?: number;
  /** Promwall's CPU seconds during the run, when it served it. */
  cpu?: number;
  /** Summary requests that waited for an upstream round during the run. */
  waits?: number;
}

async function main(signal: AbortSignal): Promise<void> {
  const [loadAverage = 0] = loadavg();
  ensurePackages([...stackPackages, ...benchPackages]);
  ensureBuild();
  const ttl = process.env.PROMWALL_CACHE_TTL || '2s';
  const ttlMs = parseDuration(ttl);
  if (!ttlMs) throw new Error(`PROMWALL_CACHE_TTL: not a duration (${ttl})`);
  const configDir = mkdtempSync(join(tmpdir(), 'promwall-bench-'));
  const configFile = join(configDir, 'promwall.yml');
  // wrk's connections all come from one address: the default rate limit per client would turn the
  // measurement into one of 429 answers, and the cap on its requests in progress would queue them.
  writeFileSync(
    configFile,
    'limits:\n  rateLimit:\n    requests: 100000000\n    per: 1m\n  concurrentRequestsPerClient: 1000\n',
  );

  let stack: Stack | undefined;
  let peers: Supervisor | undefined;
  try {
    const started = await startTestStack('bench', {
      signal,
      promwallEnv: { PROMWALL_CONFIG: configFile, PROMWALL_CACHE_TTL: ttl },
    });
    stack = started.stack;
    const { prometheus, promwall } = stack.urls;
    const promwallPid = stack.services().find((service) => service.name === 'promwall')?.pid;
    if (promwallPid === undefined) throw new Error('the bench stack has no Promwall process');
    await untilHeadlinesHaveData(prometheus, signal);

    peers = new Supervisor(join(started.options.dataDir, 'logs'));
    const flask = await startPeer(
      peers,
      signal,
      'flask-summary',
      debianPython,
      [join(benchDir, 'flask_summary.py')],
      {
        PROMETHEUS_URL: prometheus,
      },
      flaskSummaryPath,
    );
    const bareSummary = await startPeer(peers, signal, 'bare-summary', process.execPath, nodeScript('bareSummary.ts'), {
      SOURCE_URL: `${promwall}/api/v1/summary`,
    });
    const barePass = await startPeer(
      peers,
      signal,
      'bare-pass-through',
      process.execPath,
      nodeScript('barePassThrough.ts'),
      {
        UPSTREAM_URL: prometheus,
      },
      `/api/v1/query?query=1`,
    );

    const query = `/api/v1/query?${new URLSearchParams({ query: proxyQuery })}`;
    const urls = {
      promwallSummary: `${promwall}/api/v1/summary`,
      flaskSummary: `${flask}${flaskSummaryPath}`,
      bareSummary: `${bareSummary}/`,
      direct: `${prometheus}${query}`,
      barePass: `${barePass}${query}`,
      proxied: `${promwall}/api/prom${query}`,
    };

    step(`warming up (${warmUpSeconds} s per server)`);
    // Promwall's summary last: its first run then starts within the cache's stale-while-revalidate
    // bound, as a steady stream of clients would find it, rather than on an expired cache.
    const { promwallSummary, ...others } = urls;
    for (const url of [...Object.values(others), promwallSummary])
      await runLoad(url, { connections: 8, seconds: warmUpSeconds, signal });

    const measure = async (
      name: string,
      url: string,
      connections: number,
      { distinct = false, countQueries = false, promwall: isPromwall = false } = {},
    ): Promise<Run> => {
      await sleep(countQueries ? quietMs : 1_000, undefined, { signal });
      const before = countQueries ? await instantQueriesServed(prometheus) : 0;
      const cpuBefore = isPromwall ? cpuSeconds(promwallPid) : 0;
      const waitsBefore = isPromwall ? await summaryWaits(promwall) : 0;
      step(`${name}: ${connections} connections, ${seconds} s`);
      const load = await runLoad(url, { connections, seconds, distinct, signal });
      const cpu = isPromwall ? cpuSeconds(promwallPid) - cpuBefore : undefined;
      const waits = isPromwall ? (await summaryWaits(promwall)) - waitsBefore : undefined;
      let queries: number | undefined;
      if (countQueries) {
        await sleep(quietMs, undefined, { signal });
        // Less one: the reading before the run is an instant query itself.
        queries = (await instantQueriesServed(prometheus)) - before - 1;
      }
      done(`${name}: ${formatRate(load.requestsPerSecond)} req/s, p99 ${load.p99Ms.toFixed(1)} ms`);
      return { load, queries, cpu, waits };
    };

    const summary = {
      promwall: await measure('summary: Promwall', urls.promwallSummary, summaryConnections, {
        countQueries: true,
        promwall: true,
      }),
      flask: await measure('summary: the seeds’ Flask', urls.flaskSummary, summaryConnections, { countQueries: true }),
      bare: await measure('summary: bare node:http', urls.bareSummary, summaryConnections),
    };
    const identical = {
      direct: await measure('one query: Prometheus direct', urls.direct, proxyConnections),
      bare: await measure('one query: bare pass-through', urls.barePass, proxyConnections),
      promwall: await measure('one query: Promwall /api/prom', urls.proxied, proxyConnections, {
        countQueries: true,
        promwall: true,
      }),
    };
    const distinctRuns = {
      direct: await measure('distinct queries: Prometheus direct', urls.direct, proxyConnections, { distinct: true }),
      bare: await measure('distinct queries: bare pass-through', urls.barePass, proxyConnections, { distinct: true }),
      promwall: await measure('distinct queries: Promwall /api/prom', urls.proxied, proxyConnections, {
        distinct: true,
        promwall: true,
      }),
    };

    const table = markdownTable(tableRows(summary, identical, distinctRuns, ttlMs));
    const document = resultsDocument(
      {
        date: new Date(),
        nodeVersion: process.version,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown model',
        command: 'npm run bench',
        loadAverage,
        settings: `wrk (one thread), ${seconds} s per run, one run each, cache TTL ${ttl}, loopback only; Promwall's rate limit raised out of the way.`,
      },
      table,
      [
        `wrk, Prometheus, Promwall and the server under comparison share the machine's ${availableParallelism()} CPUs.`,
        `Pass-through runs ask \`${proxyQuery}\`; the distinct runs add a different constant to it on every request (\`… + 1\`, \`… + 2\`, …), so nothing collapses.`,
      ],
    );
    writeFileSync(join(benchDir, 'results.md'), document);
    console.log(`\n${document}`);
    done('written to bench/results.md');
  } finally {
    await peers?.stopAll();
    await stack?.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

function nodeScript(file: string): string[] {
  return ['--import', 'tsx', join(benchDir, file)];
}

/** Starts a server to compare with, as its own process, so it shares no event loop with the bench. */
async function startPeer(
  supervisor: Supervisor,
  signal: AbortSignal,
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  readyPath = '/',
): Promise<string> {
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  step(`starting ${name} on ${url}`);
  const service = await supervisor.start(
    {
      name,
      command,
      args,
      cwd: repoRoot,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
      ready: () => httpReady(`${url}${readyPath}`),
    },
    signal,
  );
  done(`${name} up (pid ${service.pid})`);
  return url;
}

/** Rates over [5m] need two scrapes: until then the baseline would answer zeros for free. */
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

const perSecond = (run: Run) => (run.queries === undefined ? '—' : formatRate(run.queries / run.load.seconds));
const cpuPerRequest = (run: Run) =>
  run.cpu === undefined ? '—' : `${Math.round((run.cpu * 1e6) / Math.max(1, run.load.requests))} µs`;
const rps = (run: Run) => run.load.requestsPerSecond;

function tableRows(
  summary: Record<'promwall' | 'flask' | 'bare', Run>,
  identical: Record<'direct' | 'bare' | 'promwall', Run>,
  distinct: Record<'direct' | 'bare' | 'promwall', Run>,
  ttlMs: number,
): BenchRow[] {
  const metricCount = Object.keys(headlineMetrics).length;
  const ttlSeconds = ttlMs / 1000;
  // Over a finite window the first round comes free: a window of T seconds holds at most
  // ⌊T ÷ TTL⌋ + 1 rounds, which is the bound metrics ÷ TTL plus that one round.
  const rounds = (summary.promwall.queries ?? 0) / metricCount;
  const maxRounds = Math.floor(summary.promwall.load.seconds / ttlSeconds) + 1;
  const p99 = summary.promwall.load.p99Ms;
  const row = (run: string, connections: number, result: Run, comparison: string, upstream = perSecond(result)) => ({
    run,
    connections,
    load: result.load,
    upstream,
    cpuPerRequest: cpuPerRequest(result),
    comparison,
  });
  return [
    row(
      'summary: Promwall `GET /api/v1/summary`',
      summaryConnections,
      summary.promwall,
      `${ratioVerdict(rps(summary.promwall) / rps(summary.flask), 'Flask', targets.summaryVsFlask)}; ` +
        `${ratioVerdict(rps(summary.promwall) / rps(summary.bare), 'bare')}; ` +
        `p99 ≤ ${targets.summaryP99Ms} ms: ${p99 <= targets.summaryP99Ms ? 'met' : '**missed**'}`,
      `${perSecond(summary.promwall)}: ${Number.isInteger(rounds) ? rounds : rounds.toFixed(1)} rounds in ` +
        `${summary.promwall.load.seconds.toFixed(1)} s (bound ${metricCount} ÷ ${ttlSeconds} s, at most ${maxRounds} rounds: ` +
        `${rounds <= maxRounds ? 'within' : '**exceeded**'}); requests that waited on it: ${summary.promwall.waits ?? '—'}`,
    ),
    row(
      'summary: the seeds’ Flask endpoint (4 sequential queries a request, no cache)',
      summaryConnections,
      summary.flask,
      'baseline',
    ),
    row('summary: bare `node:http` answering the same bytes', summaryConnections, summary.bare, 'the limit'),
    row('one query: Prometheus direct', proxyConnections, identical.direct, 'baseline'),
    row(
      'one query: bare `node:http` keep-alive pass-through',
      proxyConnections,
      identical.bare,
      ratioVerdict(rps(identical.bare) / rps(identical.direct), 'direct'),
    ),
    row(
      'one query: Promwall `/api/prom` (collapsed forwarding)',
      proxyConnections,
      identical.promwall,
      `${ratioVerdict(rps(identical.promwall) / rps(identical.direct), 'direct', targets.identicalVsDirect)}; ` +
        ratioVerdict(rps(identical.promwall) / rps(identical.bare), 'bare'),
    ),
    row('distinct queries: Prometheus direct', proxyConnections, distinct.direct, 'baseline'),
    row(
      'distinct queries: bare `node:http` keep-alive pass-through',
      proxyConnections,
      distinct.bare,
      ratioVerdict(rps(distinct.bare) / rps(distinct.direct), 'direct'),
    ),
    row(
      'distinct queries: Promwall `/api/prom`',
      proxyConnections,
      distinct.promwall,
      `${ratioVerdict(rps(distinct.promwall) / rps(distinct.direct), 'direct', targets.distinctVsDirect)}; ` +
        ratioVerdict(rps(distinct.promwall) / rps(distinct.bare), 'bare', targets.distinctVsBare),
    ),
  ];
}

runBench(main);
