// Entry point of the Promwall demo workload: reads the environment, reaches PostgreSQL, creates
// the schema, listens, starts the load loop, and shuts all of it down on SIGTERM/SIGINT.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ConfigError, describeDatabase, parseConfig } from './config.ts';
import type { DemoConfig } from './config.ts';
import { createDb, createPool, ensureSchema, pruneOrders, waitForDatabase } from './db.ts';
import { jitter, startLoadLoop } from './load.ts';
import type { LoadLoop } from './load.ts';
import { createLogger, describeError } from './log.ts';
import { createMetrics } from './metrics.ts';
import { createServer } from './server.ts';

const NAME = 'promwall-demo';
/** The process exits at the latest this long after SIGTERM/SIGINT. */
const SHUTDOWN_DEADLINE_MS = 4_500;
/** Open HTTP connections still busy this long into the shutdown are cut. */
const HTTP_DRAIN_MS = 1_500;
const PRUNE_INTERVAL_MS = 60_000;
const KEEP_ORDERS_MINUTES = 60;

const log = createLogger(NAME);

function readConfig(): DemoConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The URL the load loop uses to reach this server over loopback. */
function loopbackUrl(address: AddressInfo): string {
  const ipv6 = address.family === 'IPv6';
  let host = address.address;
  if (host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::') host = '::1';
  return `http://${ipv6 ? `[${host}]` : host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const cut = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const pool = createPool(config.databaseUrl, config.maxDbConnections, log);
  const db = createDb(pool);
  const metrics = createMetrics({ openConnections: db.openConnections });

  let ready = false;
  let stopping = false;
  let load: LoadLoop | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  const startup = new AbortController();

  const server = createServer({
    db,
    metrics,
    log,
    isReady: () => ready && !stopping,
    extraDelaySeconds: () => {
      const delay = load?.target().extraDelaySeconds ?? 0;
      return delay > 0 ? Math.round(jitter(delay, 0.25) * 1000) / 1000 : 0;
    },
  });

  async function shutdown(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, shutting down`);
    setTimeout(() => {
      log.error('shutdown took too long, exiting anyway');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    startup.abort();
    clearInterval(pruneTimer);
    try {
      await load?.stop();
      await closeServer(server);
      await pool.end();
    } catch (error) {
      log.error(`shutdown: ${describeError(error)}`);
    }
    log.info('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  try {
    log.info(`connecting to database ${describeDatabase(config.databaseUrl)}`);
    await waitForDatabase(pool, { log, signal: startup.signal });
    if (stopping) return;
    await ensureSchema(pool);
    if (stopping) return;
    ready = true;
  } catch (error) {
    if (stopping) return;
    log.error(`cannot start: ${describeError(error)}`);
    process.exit(1);
  }

  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    log.error(`cannot listen on ${config.host}:${config.port}: ${describeError(error)}`);
    process.exit(1);
  }
  if (stopping) return;
  const url = loopbackUrl(address);
  log.info(
    `listening on ${url} (load cycle ${config.cycleSeconds}s, up to ${config.maxDbConnections} database connections)`,
  );

  load = startLoadLoop({
    baseUrl: url,
    cycleSeconds: config.cycleSeconds,
    maxDbConnections: config.maxDbConnections,
    log,
  });
  pruneTimer = setInterval(() => {
    pruneOrders(pool, KEEP_ORDERS_MINUTES).catch((error: unknown) =>
      log.error(`pruning old orders failed: ${describeError(error)}`),
    );
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();
}

process.on('uncaughtException', (error) => {
  log.error(`fatal: ${describeError(error)}`);
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  log.error(`fatal: unhandled rejection: ${describeError(reason)}`);
  process.exit(1);
});

void main();
