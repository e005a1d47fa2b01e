import type { Display, Heartbeat } from '@promwall/core/schemas';
import type pg from 'pg';
import { DatabaseUnavailable, type Database } from '../database/database.pool.ts';
import {
  DISPLAY_LIMITS,
  isAlive,
  MAX_USER_AGENT_LENGTH,
  REPORTING_MS,
  type DisplayClient,
  type DisplayLimits,
  type DisplaysStore,
  type HeartbeatOutcome,
} from './displays.store.ts';

// Times are the database's, so that replicas whose clocks disagree still agree on who is alive.
// One transaction per heartbeat, serialized by a transaction-level advisory lock: the rules read
// the table and then change it, and two replicas must not both take the last place.
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('promwall.displays'))`;

const PREVIOUS = `
  SELECT address, last_seen_at > now() - make_interval(secs => $2::double precision / 1000) AS reporting
  FROM displays WHERE id = $1`;

const ROOM = `
  SELECT count(*) FILTER (WHERE address = $1)::int AS from_address, count(*)::int AS total FROM displays`;

// The least recent of the walls gone quiet makes room; none when every wall reports.
const FORGET_QUIET = `
  DELETE FROM displays WHERE id = (
    SELECT id FROM displays WHERE last_seen_at <= now() - make_interval(secs => $1::double precision / 1000)
    ORDER BY last_seen_at LIMIT 1)`;

const UPSERT = `
  INSERT INTO displays (id, version, page, refresh_ms, last_refresh_at, address, user_agent, first_seen_at, last_seen_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())
  ON CONFLICT (id) DO UPDATE SET
    version = excluded.version, page = excluded.page, refresh_ms = excluded.refresh_ms,
    last_refresh_at = excluded.last_refresh_at, address = excluded.address, user_agent = excluded.user_agent,
    last_seen_at = excluded.last_seen_at`;

const LIST = `
  SELECT id, version, page, refresh_ms, last_refresh_at, address, user_agent, first_seen_at, last_seen_at, now() AS now
  FROM displays ORDER BY id LIMIT $1`;

interface Row {
  id: string;
  version: string;
  page: string;
  refresh_ms: number;
  last_refresh_at: Date | null;
  address: string;
  user_agent: string;
  first_seen_at: Date;
  last_seen_at: Date;
  now: Date;
}

/** The walls in the database every replica shares: a heartbeat sent to one is listed by all. */
export class PostgresDisplaysStore implements DisplaysStore {
  constructor(
    private readonly database: Database,
    private readonly limits: DisplayLimits = DISPLAY_LIMITS,
  ) {}

  async record(heartbeat: Heartbeat, client: DisplayClient): Promise<HeartbeatOutcome> {
    this.assertReady();
    const connection = await this.database.connect();
    try {
      await connection.query('BEGIN');
      await connection.query(LOCK);
      const outcome = await this.admit(connection, heartbeat.id, client.address);
      if (outcome === 'recorded') {
        await connection.query(UPSERT, [
          heartbeat.id,
          heartbeat.version,
          heartbeat.page,
          heartbeat.refreshMs,
          heartbeat.lastRefreshAt,
          client.address,
          client.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
        ]);
      }
      await connection.query('COMMIT');
      connection.release();
      this.database.answered();
      return outcome;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      connection.release(error instanceof Error ? error : true);
      throw this.database.failed(error);
    }
  }

  /** Whether this heartbeat may be recorded, making room when that is allowed. */
  private async admit(connection: pg.PoolClient, id: string, address: string): Promise<HeartbeatOutcome> {
    const previous = await connection.query<{ address: string; reporting: boolean }>(PREVIOUS, [id, REPORTING_MS]);
    const known = previous.rows[0];
    if (known) return known.address !== address && known.reporting ? 'id_taken' : 'recorded';
    const room = (await connection.query<{ from_address: number; total: number }>(ROOM, [address])).rows[0]!;
    if (room.from_address >= this.limits.maxPerAddress) return 'address_full';
    if (room.total < this.limits.maxDisplays) return 'recorded';
    const forgotten = await connection.query(FORGET_QUIET, [REPORTING_MS]);
    return forgotten.rowCount ? 'recorded' : 'full';
  }

  async list(): Promise<Display[]> {
    this.assertReady();
    const { rows } = await this.database.query<Row>(LIST, [this.limits.maxDisplays]);
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      page: row.page,
      refreshMs: row.refresh_ms,
      lastRefreshAt: row.last_refresh_at?.toISOString() ?? null,
      address: row.address,
      userAgent: row.user_agent,
      firstSeenAt: row.first_seen_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      alive: isAlive(row.last_seen_at.getTime(), row.refresh_ms, row.now.getTime()),
    }));
  }

  private assertReady(): void {
    if (!this.database.isMigrated) throw new DatabaseUnavailable('the database is not ready yet');
  }
}
