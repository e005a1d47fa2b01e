import pg from 'pg';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { migrate } from './database.migrator.ts';

/** The database could not be reached or did not answer in time: a 503, whatever was asked. */
export class DatabaseUnavailable extends ApiError {
  constructor(message = 'the database is unreachable') {
    super(503, 'database_unavailable', message);
  }
}

export interface Database {
  /** Runs one statement on a pooled connection. */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** A pooled connection for work that spans statements (a COPY); release it, with the error if
   * it failed, so that a connection in an unknown state is closed rather than reused. */
  connect(): Promise<pg.PoolClient>;
  /** A connection outside the pool, for a session-level lock that must outlive any one query. */
  dedicatedClient(): pg.Client;
  /** Turns a failure to reach the database into DatabaseUnavailable and records the state. */
  failed(error: unknown): Error;
  /** Records that the database answered. */
  answered(): void;
  /** Resolves once the schema is up to date; never rejects (it retries until closed). */
  readonly migrated: Promise<void>;
  /** Whether `migrated` has resolved: until then, nothing may use the schema. */
  readonly isMigrated: boolean;
  close(): Promise<void>;
}

/** SQLSTATE classes and codes that say "the database is away", not "the statement is wrong". */
const UNAVAILABLE_STATES = /^(08|53|57P0[1-4]|57014|58)/;
const UNAVAILABLE_MESSAGES = /connection|timeout|terminat|ECONN|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE/i;

function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return UNAVAILABLE_STATES.test(code);
  return (
    (typeof code === 'string' && /^E[A-Z]+$/.test(code)) ||
    (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message))
  );
}

const RETRY_MS = { first: 1_000, max: 15_000 };

/**
 * Opens the pool and migrates the schema in the background: Promwall starts and serves its
 * upstream's data while the database is away, and uses the database once it answers. Its state
 * is the `promwall_database_up` gauge and one log line per change, never a readiness failure:
 * readiness is about the upstream.
 */
export function openDatabase(config: NonNullable<Config['database']>, logger: Logger, registry: Registry): Database {
  const settings: pg.ClientConfig = {
    connectionString: config.url,
    application_name: 'promwall',
    connectionTimeoutMillis: 5_000,
    statement_timeout: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
  const pool = new pg.Pool({ ...settings, max: config.poolSize, idleTimeoutMillis: 30_000 });
  const log = logger.child({ component: 'database' });
  const up = new Gauge({
    name: 'promwall_database_up',
    help: '1 when the last use of the database succeeded, 0 when it could not be reached.',
    registers: [registry],
  });
  new Gauge({
    name: 'promwall_database_pool_connections',
    help: 'Connections of the database pool, by state (total, idle, waiting: callers queued for one).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  let reachable: boolean | undefined;
  let closed = false;
  let isMigrated = false;

  const setReachable = (now: boolean, error?: unknown) => {
    up.set(now ? 1 : 0);
    if (reachable === now) return;
    reachable = now;
    if (now) log.info('database reachable');
    else log.warn({ reason: (error as Error | undefined)?.message }, 'database unreachable');
  };

  // An idle pooled connection that the server closes (a restart) is reported here; without a
  // listener it would crash the process.
  pool.on('error', (error) => setReachable(false, error));

  const failed = (error: unknown): Error => {
    if (!isUnavailable(error)) return error instanceof Error ? error : new Error(String(error));
    setReachable(false, error);
    if (error instanceof DatabaseUnavailable) return error;
    const timedOut = (error as { code?: string }).code === '57014';
    return new DatabaseUnavailable(timedOut ? 'the database did not answer in time' : 'the database is unreachable');
  };
  const connect = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failed(error);
    }
    // The pool listens on idle connections only: one that the server closes while checked out
    // (between two statements) would otherwise crash the process. Its next statement fails,
    // which is where the holder hears of it.
    const onError = (error: Error) => failed(error);
    client.on('error', onError);
    const release = client.release;
    client.release = (error?: Error | boolean) => {
      client.removeListener('error', onError);
      client.release = release;
      release(error);
    };
    return client;
  };

  const migrated = (async () => {
    for (let wait = RETRY_MS.first; !closed; wait = Math.min(wait * 2, RETRY_MS.max)) {
      try {
        const { applied, newer } = await migrate({ connect });
        setReachable(true);
        if (applied.length > 0) log.info({ applied }, 'database schema migrated');
        if (newer) log.warn({ version: newer }, 'database schema is newer than this Promwall; running with it');
        isMigrated = true;
        return;
      } catch (error) {
        const failure = failed(error);
        if (!(failure instanceof DatabaseUnavailable)) log.error({ err: failure }, 'database migration failed');
      }
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
    // Closed before the database ever answered: nothing waiting on this may go on.
    await new Promise<never>(() => undefined);
  })();

  const database: Database = {
    async query(text, values) {
      try {
        const result = await pool.query(text, values);
        setReachable(true);
        return result;
      } catch (error) {
        throw failed(error);
      }
    },
    connect,
    dedicatedClient: () => new pg.Client(settings),
    failed,
    answered: () => setReachable(true),
    migrated,
    get isMigrated() {
      return isMigrated;
    },
    async close() {
      closed = true;
      await pool.end();
    },
  };
  return database;
}
