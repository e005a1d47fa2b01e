import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackOptions } from './config.ts';
import { findBinaries, type Binaries } from './binaries.ts';
import { prepareDataDir } from './dataDir.ts';
import { takeLock } from './dataDirLock.ts';
import { done, step } from './log.ts';
import { repoRoot, stackConfigDir } from './paths.ts';
import { assertPortsFree } from './ports.ts';
import {
  connectionUrl,
  demoDatabase,
  ensureDatabase,
  postgresService,
  prepareCluster,
  promwallDatabase,
} from './postgres.ts';
import { prometheusConfig, stackScrapeTargets } from './prometheusConfig.ts';
import { httpReady } from './probe.ts';
import { promwallConfigEnv } from './promwallConfig.ts';
import { Supervisor, type RunningService, type ServiceSpec } from './supervisor.ts';
import { findVictoriaMetrics, victoriaMetricsService } from './victoriaMetrics.ts';

export interface StackUrls {
  promwall: string;
  prometheus: string;
  alertmanager: string;
  nodeExporter: string;
  postgresExporter: string;
  demo: string;
  /** Set when started `withVictoriaMetrics`. */
  victoriaMetrics?: string;
  /** Promwall's database on the stack's PostgreSQL (a postgresql:// URL with its password). */
  database: string;
}

export interface Stack {
  urls: StackUrls;
  services(): RunningService[];
  /** Stops one component, for outage tests; `restart` brings it back with the same settings. */
  stopService(name: string): Promise<void>;
  restartService(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra flags for Prometheus (tests start it with the admin API on to prove the proxy refuses it). */
  prometheusArgs?: string[];
  /** Leave Promwall out, for tests that run the API in-process. */
  withoutPromwall?: boolean;
  /** Extra environment for Promwall, e.g. PROMWALL_CONFIG for a test's own settings. */
  promwallEnv?: Record<string, string>;
  /** Also start VictoriaMetrics, scraping what Prometheus scrapes (tests only, not `npm start`). */
  withVictoriaMetrics?: boolean;
  /** Extra server settings for PostgreSQL, e.g. { shared_preload_libraries: 'pg_stat_statements' }. */
  postgresSettings?: Record<string, string>;
  /** Aborting stops the start between two components and stops what already runs. */
  signal?: AbortSignal;
  /** Restart a component that exits on its own, with backoff (`npm start`). Off by default:
   * outage tests stop components and expect them to stay down. */
  restartOnExit?: boolean;
}

/** Promwall alone, against a Prometheus the user already has. */
export interface PromwallAlone {
  url: string;
  stop(): Promise<void>;
}

export const rulesFile = join(stackConfigDir, 'alert-rules.yml');
export const apiEntry = join(repoRoot, 'apps', 'api', 'dist', 'main.js');
const demoEntry = join(repoRoot, 'apps', 'demo', 'dist', 'main.js');

/** Brings up the embedded stack, each component health-checked before the next starts. */
export async function startStack(options: StackOptions, start: StartOptions = {}): Promise<Stack> {
  const binaries = findBinaries();
  const { host, ports } = options;
  const { promwall, victoriaMetrics, ...stackPorts } = ports;
  const victoriaMetricsBinary = start.withVictoriaMetrics ? findVictoriaMetrics() : undefined;
  await assertPortsFree(host, victoriaMetricsBinary ? { ...stackPorts, victoriaMetrics } : stackPorts);
  if (!start.withoutPromwall) await assertPortsFree(options.promwallHost, { promwall });
  prepareDataDir(options.dataDir);
  const promwallAt = promwallAddress(
    options.promwallHost,
    promwall,
    promwallBasePath({ ...process.env, ...start.promwallEnv }),
  );
  const lock = takeLock(options.dataDir, promwallAt);

  const address = (port: number) => `${host}:${port}`;
  const cluster = prepareCluster(options.dataDir, host, ports.postgres, binaries);
  const urls: StackUrls = {
    promwall: promwallAt.url,
    prometheus: `http://${address(ports.prometheus)}`,
    alertmanager: `http://${address(ports.alertmanager)}`,
    nodeExporter: `http://${address(ports.nodeExporter)}`,
    postgresExporter: `http://${address(ports.postgresExporter)}`,
    demo: `http://${address(ports.demo)}`,
    ...(victoriaMetricsBinary ? { victoriaMetrics: `http://${address(victoriaMetrics)}` } : {}),
    database: connectionUrl(cluster, promwallDatabase),
  };
  const supervisor = new Supervisor(join(options.dataDir, 'logs'), { restartOnExit: start.restartOnExit });
  const stop = async () => {
    await supervisor.stopAll();
    lock.release();
  };
  const run = async (spec: ServiceSpec, what: string) => {
    start.signal?.throwIfAborted();
    step(`starting ${what}`);
    const service = await supervisor.start(spec, start.signal);
    done(`${what} up (pid ${service.pid})`);
  };

  try {
    await run(
      postgresService(cluster, binaries, start.postgresSettings),
      `PostgreSQL ${binaries.postgresMajor} on ${address(ports.postgres)}`,
    );
    await ensureDatabase(cluster, demoDatabase);
    await ensureDatabase(cluster, promwallDatabase);
    await run(
      {
        name: 'postgres-exporter',
        title: 'postgres_exporter',
        command: binaries.postgresExporter,
        args: [`--web.listen-address=${address(ports.postgresExporter)}`],
        env: { ...process.env, DATA_SOURCE_NAME: `${connectionUrl(cluster, 'postgres')}?sslmode=disable` },
        ready: () => httpReady(`${urls.postgresExporter}/metrics`, (body) => /^pg_up 1$/m.test(body)),
      },
      `postgres_exporter on ${address(ports.postgresExporter)}`,
    );
    await run(
      {
        name: 'node-exporter',
        title: 'node_exporter',
        command: binaries.nodeExporter,
        args: [`--web.listen-address=${address(ports.nodeExporter)}`],
        ready: () => httpReady(`${urls.nodeExporter}/metrics`),
      },
      `node_exporter on ${address(ports.nodeExporter)}`,
    );
    await run(
      {
        name: 'demo',
        title: 'demo workload',
        command: process.execPath,
        args: ['--enable-source-maps', demoEntry],
        env: {
          ...process.env,
          DATABASE_URL: connectionUrl(cluster, demoDatabase),
          DEMO_HOST: host,
          DEMO_PORT: String(ports.demo),
          DEMO_CYCLE_SECONDS: String(options.demoCycleSeconds),
        },
        ready: () => httpReady(`${urls.demo}/healthz`),
      },
      `demo workload on ${address(ports.demo)}`,
    );
    await run(alertmanagerService(options, binaries, urls), `Alertmanager on ${address(ports.alertmanager)}`);
    await run(
      prometheusService(options, binaries, urls, start.prometheusArgs ?? []),
      `Prometheus on ${address(ports.prometheus)}`,
    );
    if (victoriaMetricsBinary) {
      await run(
        victoriaMetricsService(options, victoriaMetricsBinary),
        `VictoriaMetrics on ${address(victoriaMetrics)}`,
      );
    }
    if (!start.withoutPromwall) {
      await run(
        promwallService({
          ...promwallConfigEnv(process.env, process.cwd()),
          PROMWALL_DATABASE_URL: urls.database,
          ...start.promwallEnv,
          PROMETHEUS_URL: urls.prometheus,
          ALERTMANAGER_URL: urls.alertmanager,
          HOST: options.promwallHost,
          PORT: String(promwall),
        }),
        `Promwall on ${urls.promwall}`,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    urls,
    services: () => supervisor.services(),
    stopService: async (name) => {
      await supervisor.stop(name);
    },
    restartService: async (name) => {
      await supervisor.start(await supervisor.stop(name));
    },
    stop,
  };
}

/** The path Promwall serves under (PROMWALL_BASE_PATH), as it reads it: '' or `/seg…` without a trailing slash. */
export function promwallBasePath(env: Record<string, string | undefined>): string {
  return (env.PROMWALL_BASE_PATH ?? '').replace(/\/+$/, '');
}

/** Starts Promwall alone against `PROMETHEUS_URL` (and `ALERTMANAGER_URL`), supervised like a
 * stack component and holding the data folder, where its log goes. */
export async function startPromwallAlone(
  options: StackOptions,
  upstream: { prometheusUrl: string; alertmanagerUrl?: string },
  signal?: AbortSignal,
): Promise<PromwallAlone> {
  const { promwallHost, ports } = options;
  await assertPortsFree(promwallHost, { promwall: ports.promwall });
  prepareDataDir(options.dataDir);
  const promwallAt = promwallAddress(promwallHost, ports.promwall, promwallBasePath(process.env));
  const lock = takeLock(options.dataDir, promwallAt);
  const supervisor = new Supervisor(join(options.dataDir, 'logs'), { restartOnExit: true });
  const stop = async () => {
    await supervisor.stopAll();
    lock.release();
  };
  try {
    step(`starting Promwall against ${upstream.prometheusUrl}`);
    const service = await supervisor.start(
      promwallService({
        PROMETHEUS_URL: upstream.prometheusUrl,
        ...(upstream.alertmanagerUrl ? { ALERTMANAGER_URL: upstream.alertmanagerUrl } : {}),
        HOST: promwallHost,
        PORT: String(ports.promwall),
      }),
      signal,
    );
    done(`Promwall up (pid ${service.pid})`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: promwallAt.url, stop };
}

export function promwallService(env: Record<string, string>): ServiceSpec {
  const merged = { ...process.env, ...env };
  return {
    name: 'promwall',
    title: 'Promwall',
    command: process.execPath,
    args: ['--enable-source-maps', apiEntry],
    env: merged,
    ready: () =>
      httpReady(promwallAddress(env.HOST ?? '127.0.0.1', Number(env.PORT), promwallBasePath(merged)).healthUrl),
  };
}

/** Where Promwall listening on `host:port` is reached, and its health check. */
function promwallAddress(host: string, port: number, basePath: string): { url: string; healthUrl: string } {
  const url = `http://${displayHost(host)}:${port}${basePath}`;
  return { url, healthUrl: `${url}/healthz` };
}

function alertmanagerService(options: StackOptions, binaries: Binaries, urls: StackUrls): ServiceSpec {
  const storage = join(options.dataDir, 'alertmanager');
  mkdirSync(storage, { recursive: true });
  return {
    name: 'alertmanager',
    title: 'Alertmanager',
    command: binaries.alertmanager,
    args: [
      `--config.file=${join(stackConfigDir, 'alertmanager.yml')}`,
      `--storage.path=${storage}`,
      `--web.listen-address=${options.host}:${options.ports.alertmanager}`,
      // A single instance: no gossip port to collide with anything.
      '--cluster.listen-address=',
    ],
    ready: () => httpReady(`${urls.alertmanager}/-/ready`),
  };
}

/** Writes the generated Prometheus configuration into the data folder and returns its path. */
export function writePrometheusConfig(options: StackOptions): string {
  const dir = join(options.dataDir, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'prometheus.yml');
  writeFileSync(
    path,
    prometheusConfig({
      scrapeInterval: options.scrapeInterval,
      evaluationInterval: options.evaluationInterval,
      ruleFiles: [rulesFile],
      targets: stackScrapeTargets(options.host, options.ports),
    }),
  );
  return path;
}

function prometheusService(
  options: StackOptions,
  binaries: Binaries,
  urls: StackUrls,
  extraArgs: string[],
): ServiceSpec {
  return {
    name: 'prometheus',
    title: 'Prometheus',
    command: binaries.prometheus,
    args: [
      `--config.file=${writePrometheusConfig(options)}`,
      `--storage.tsdb.path=${join(options.dataDir, 'prometheus', 'data')}`,
      '--storage.tsdb.retention.time=15d',
      `--web.listen-address=${options.host}:${options.ports.prometheus}`,
      ...extraArgs,
    ],
    ready: () => httpReady(`${urls.prometheus}/-/ready`),
    readyTimeoutMs: 60_000,
  };
}

/** A wildcard listen address is reached through loopback. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
