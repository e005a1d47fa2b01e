// PostgreSQL access for the demo: the pool, the schema and the queries behind the API routes.
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from './log.ts';
import { ThrottledLog, describeError } from './log.ts';
import { sleep } from './sleep.ts';

/** Idle connections close after this long, so open connections follow the load down. */
export const POOL_IDLE_TIMEOUT_MS = 1_000;
/** A request waiting longer than this for a free connection fails with 503. */
export const POOL_CONNECTION_TIMEOUT_MS = 5_000;

export interface NewOrder {
  customer: string;
  amount: number;
}

export interface Order {
  id: number;
  customer: string;
  amount: number;
  createdAt: string;
}

export interface OrderReport {
  windowMinutes: number;
  orders: number;
  customers: number;
  revenue: number;
  averageAmount: number;
  topCustomers: Array<{ customer: string; orders: number; revenue: number }>;
}

export interface HoldResult {
  heldSeconds: number;
  recentOrders: number;
}

/** Extra database time injected by the load pattern (its slow phase); 0 most of the time. */
export interface QueryOptions {
  delaySeconds?: number;
}

/** What the HTTP routes need from the database; tests substitute a fake. */
export interface DemoDb {
  insertOrder(order: NewOrder, options?: QueryOptions): Promise<Order>;
  recentOrders(limit: number, options?: QueryOptions): Promise<Order[]>;
  report(windowMinutes: number, options?: QueryOptions): Promise<OrderReport>;
  /** Keeps one connection busy for `seconds` (pg_sleep), then reads a count. */
  hold(seconds: number): Promise<HoldResult>;
  openConnections(): number;
}

export function createPool(databaseUrl: string, maxConnections: number, log: Logger): Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS,
    application_name: 'promwall-demo',
  });
  // An idle client can lose its server (restart, admin kill); without a listener that would crash.
  // A restart drops every idle connection at once: fold that burst into one line.
  const idleFailures = new ThrottledLog(log, 10_000);
  pool.on('error', (error) => idleFailures.error(`database: idle connection lost: ${describeError(error)}`));
  return pool;
}

export interface ConnectRetryOptions {
  timeoutMs?: number;
  intervalMs?: number;
  log?: Logger;
  signal?: AbortSignal;
}

/** Waits until the database answers `select 1`, retrying until the deadline. */
export async function waitForDatabase(pool: Pool, options: ConnectRetryOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 500;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await pool.query('select 1');
      return;
    } catch (error) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || options.signal?.aborted) {
        throw new Error(`database not reachable after ${attempts} attempts: ${describeError(error)}`, { cause: error });
      }
      if (attempts === 1) options.log?.info(`database not reachable yet (${describeError(error)}), retrying`);
      await sleep(Math.min(intervalMs, remaining), options.signal);
    }
  }
}

const SCHEMA_SQL = [
  `create table if not exists orders (
     id bigserial primary key,
     customer text not null,
     amount numeric(12, 2) not null check (amount > 0),
     created_at timestamptz not null default now()
   )`,
  'create index if not exists orders_created_at_idx on orders (created_at)',
  'create index if not exists orders_customer_idx on orders (customer)',
];

/** Creates the demo schema if missing; safe when several instances start at once. */
export async function ensureSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['promwall-demo-schema']);
    for (const statement of SCHEMA_SQL) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Deletes orders older than `maxAgeMinutes` so a long-running demo keeps a small table. */
export async function pruneOrders(pool: Pool, maxAgeMinutes: number): Promise<number> {
  const result = await pool.query('delete from orders where created_at < now() - make_interval(mins => $1)', [
    maxAgeMinutes,
  ]);
  return result.rowCount ?? 0;
}

interface OrderRow {
  id: string;
  customer: string;
  amount: number;
  created_at: Date;
}

const ORDER_COLUMNS = 'id, customer, amount::float8 as amount, created_at';

function toOrder(row: OrderRow): Order {
  return { id: Number(row.id), customer: row.customer, amount: row.amount, createdAt: row.created_at.toISOString() };
}

export function createDb(pool: Pool): DemoDb {
  /** Runs `work` on one pooled connection, after the injected delay (if any) on that same connection. */
  async function withConnection<T>(options: QueryOptions | undefined, work: (client: PoolClient) => Promise<T>) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const delay = options?.delaySeconds ?? 0;
      if (delay > 0) await client.query('select pg_sleep($1)', [delay]);
      return await work(client);
    } catch (error) {
      // A SQL error leaves the connection usable; anything else (socket, protocol) does not.
      if (!(error instanceof pg.DatabaseError)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    insertOrder(order, options) {
      return withConnection(options, async (client) => {
        const result = await client.query<OrderRow>(
          `insert into orders (customer, amount) values ($1, $2) returning ${ORDER_COLUMNS}`,
          [order.customer, order.amount],
        );
        return toOrder(result.rows[0]!);
      });
    },

    recentOrders(limit, options) {
      return withConnection(options, async (client) => {
        const result = await client.query<OrderRow>(
          `select ${ORDER_COLUMNS} from orders order by created_at desc limit $1`,
          [limit],
        );
        return result.rows.map(toOrder);
      });
    },

    report(windowMinutes, options) {
      return withConnection(options, async (client) => {
        const since = 'created_at > now() - make_interval(mins => $1)';
        const totals = await client.query<{ orders: number; customers: number; revenue: number; average: number }>(
          `select count(*)::int as orders,
                  count(distinct customer)::int as customers,
                  coalesce(sum(amount), 0)::float8 as revenue,
                  coalesce(avg(amount), 0)::float8 as average
             from orders where ${since}`,
          [windowMinutes],
        );
        const top = await client.query<{ customer: string; orders: number; revenue: number }>(
          `select customer, count(*)::int as orders, sum(amount)::float8 as revenue
             from orders where ${since}
            group by customer order by revenue desc, customer limit 5`,
          [windowMinutes],
        );
        const row = totals.rows[0]!;
        return {
          windowMinutes,
          orders: row.orders,
          customers: row.customers,
          revenue: row.revenue,
          averageAmount: row.average,
          topCustomers: top.rows,
        };
      });
    },

    async hold(seconds) {
      const result = await pool.query<{ recent_orders: number }>(
        `select (select count(*) from orders where created_at > now() - interval '1 minute')::int as recent_orders
           from pg_sleep($1)`,
        [seconds],
      );
      return { heldSeconds: seconds, recentOrders: result.rows[0]?.recent_orders ?? 0 };
    },

    openConnections: () => pool.totalCount,
  };
}
