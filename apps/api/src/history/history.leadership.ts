import type pg from 'pg';
import { LOCKS } from '../database/database.locks.ts';
import type { Database } from '../database/database.pool.ts';

/** How often a leader checks that the connection holding its lock is still there. */
const PROBE_EVERY_MS = 5_000;

/** How long the server keeps a silent leader's session, and so its lock: three of its check-ins. */
export function sessionTimeoutMs(intervalMs: number): number {
  return 3 * Math.max(intervalMs, PROBE_EVERY_MS);
}

/**
 * Which replica records: the one holding a session advisory lock on a connection of its own.
 * PostgreSQL frees the lock when that connection ends, so a replica that dies (or is cut off)
 * hands over by itself, and another takes the lock on its next try.
 *
 * A leader whose connection drops while the database is unreachable stays the *presumed* leader
 * and goes on recording into its queue: nobody else can record meanwhile, and dropping the rounds
 * would lose them. Once the database answers it takes the lock back, or, when another replica got
 * there first, steps down; its queued rounds are still written, as writes are idempotent.
 */
export class Leadership {
  private client: pg.Client | undefined;
  private held = false;
  private lastProbeMs = 0;

  constructor(
    private readonly database: Database,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this replica records now; tries to become the leader when it is not. */
  async check(): Promise<boolean> {
    try {
      if (this.client && this.held) {
        if (this.now() - this.lastProbeMs >= PROBE_EVERY_MS) {
          await this.client.query('SELECT 1');
          this.lastProbeMs = this.now();
        }
        return true;
      }
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        LOCKS.recorder,
      );
      this.database.answered();
      this.held = rows[0]?.locked === true;
      this.lastProbeMs = this.now();
      return this.held;
    } catch (error) {
      this.drop();
      this.database.failed(error);
      // Presumed leader while the database is away (see above); a follower stays one.
      return this.held;
    }
  }

  /** Gives the lock up, for a clean shutdown: another replica takes over on its next try. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1, $2)', LOCKS.recorder).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = this.database.dedicatedClient();
    // Without a listener, a connection the server closes would crash the process.
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    client.on('end', () => {
      if (this.client === client) this.drop();
    });
    try {
      await client.connect();
      // The server ends this session, and so frees the lock, when the leader's host stops
      // answering (keepalives) or the leader stops checking in (a hung process).
      await client.query(
        `SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false),
                set_config('tcp_keepalives_count', '3', false)`,
      );
      // idle_session_timeout is PostgreSQL 14 and later; without it, keepalives still apply.
      await client.query(`SET idle_session_timeout = ${sessionTimeoutMs(this.intervalMs)}`).catch(() => undefined);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Forgets the connection; `held` stays as it was, which is what "presumed" means. */
  private drop(): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
  }
}
