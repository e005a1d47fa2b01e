import type { AddressInfo } from 'node:net';
import { createApp, createAppServer } from './app.ts';
import { ConfigError, DEFAULT_CONFIG_FILE, findConfigFile, loadConfig, type Config } from './config.ts';
import { openDatabase } from './database/database.pool.ts';
import { createHistoryRecorder } from './history/history.recorder.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';

const SHUTDOWN_GRACE_MS = 5_000;

/** Exit codes: 1 the server failed, 2 the configuration is invalid. */
const EXIT_FAILURE = 1;
const EXIT_BAD_CONFIG = 2;

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
const server = createAppServer(createApp({ config, logger, metrics, database }));
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

server.listen(config.listen.port, config.listen.host, () => {
  // With PORT=0 the system picks the port; report the one actually bound.
  const { port } = server.address() as AddressInfo;
  logger.info(`Promwall listening on ${httpUrl(config.listen.host, port)}`);
});

let shuttingDown = false;

function shutDown(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(EXIT_FAILURE);
  }
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');

  const closed = new Promise((resolve) => server.close(resolve));
  // close() only stops accepting; idle keep-alive sockets would hold it open until they time out.
  server.closeIdleConnections();
  // The recorder stops at once, so that another replica takes over without waiting for requests.
  void Promise.all([closed, recorder?.stop()])
    .then(() => database?.close())
    .finally(() => logger.flush(() => process.exit(0)));

  setTimeout(() => {
    logger.warn(`requests still open after ${SHUTDOWN_GRACE_MS} ms: exiting anyway`);
    process.exit(EXIT_FAILURE);
  }, SHUTDOWN_GRACE_MS).unref();
}

process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
