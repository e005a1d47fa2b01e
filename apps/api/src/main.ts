import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { allowedHostsOf, ConfigError, DEFAULT_CONFIG_FILE, findConfigFile, loadConfig, type Config } from './config.ts';
import { createHttpServer } from './http/server.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { openDatabase } from './database/database.pool.ts';
import { createHistoryRecorder } from './history/history.recorder.ts';

/** Exit codes: 1 the server failed, 2 the configuration is invalid. */
const EXIT_FAILURE = 1;
const EXIT_BAD_CONFIG = 2;

/** File descriptors beside client connections: upstream connections, logs, the web app's files. */
const SPARE_DESCRIPTORS = 128;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Promwall cannot start: invalid configuration\n${err.message}\n`);
      process.exit(EXIT_BAD_CONFIG);
    }
    throw err;
  }
}

function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The soft limit on open files, where Linux tells it. */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const configFile = findConfigFile(process.env);
logger.info(
  { configFile: configFile ?? null },
  configFile
    ? `configuration: ${configFile} and the environment`
    : `configuration: defaults and the environment (PROMWALL_CONFIG is unset and there is no ${DEFAULT_CONFIG_FILE} in ${process.cwd()})`,
);
const metrics = createMetrics();
const database = config.database ? openDatabase(config.database, logger, metrics.registry) : undefined;
const { server, shutDown } = createHttpServer(createApp({ config, logger, metrics, database }), config.server, metrics);
const recorder = database ? createHistoryRecorder({ config, database, logger, metrics }) : undefined;
if (database && recorder) void database.migrated.then(() => recorder.start());

server.on('error', (err: NodeJS.ErrnoException) => {
  const address = httpUrl(config.listen.host, config.listen.port);
  if (err.code === 'EADDRINUSE') {
    process.stderr.write(`Promwall cannot listen on ${address}: the address is already in use\n`);
  } else if (err.code === 'EACCES') {
    process.stderr.write(`Promwall cannot listen on ${address}: permission denied\n`);
  } else if (err.code === 'EADDRNOTAVAIL') {
    process.stderr.write(`Promwall cannot listen on ${address}: no such address on this machine\n`);
  } else {
    logger.fatal({ err }, 'server error');
  }
  process.exit(EXIT_FAILURE);
});

// The kernel's queue of connections not yet accepted: with Node's 511, a burst of connections
// overflowed it and a probe's SYN was dropped, to be retried by its client seconds later. As
// deep as the connections Promwall serves (the kernel caps it at net.core.somaxconn).
const backlog = Math.max(511, config.server.maxConnections);

server.listen({ port: config.listen.port, host: config.listen.host, backlog }, () => {
  // With PORT=0 the system picks the port; report the one actually bound.
  const { port } = server.address() as AddressInfo;
  logger.info(`Promwall listening on ${httpUrl(config.listen.host, port)}`);
  if (allowedHostsOf(config) === undefined) {
    logger.warn(
      'listening beyond loopback with any Host answered: set server.allowedHosts to the names users reach it by',
    );
  }
  const files = openFilesLimit();
  if (files !== undefined && config.server.maxConnections + SPARE_DESCRIPTORS > files) {
    logger.warn(
      `server.maxConnections (${config.server.maxConnections}) is too close to the open-files limit (${files}): raise ulimit -n or lower it`,
    );
  }
});

let shuttingDown = false;

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(EXIT_FAILURE);
  }
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: no new connections, finishing the requests in progress');
  // The recorder stops at once, so that another replica takes over without waiting for requests.
  const [outcome] = await Promise.all([shutDown(config.server.shutdownTimeoutMs), recorder?.stop()]);
  if (outcome === 'forced') {
    logger.warn(`requests still open after server.shutdownTimeout (${config.server.shutdownTimeoutMs} ms): cut off`);
  }
  await database?.close().catch(() => undefined);
  // A shutdown carried out as configured is a normal exit, cut-off requests or not.
  logger.flush(() => process.exit(0));
}

process.on('SIGTERM', (signal) => void onSignal(signal));
process.on('SIGINT', (signal) => void onSignal(signal));
