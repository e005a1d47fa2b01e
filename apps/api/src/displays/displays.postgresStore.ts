import type { Display, Heartbeat } from '@promwall/core/schemas';
import { DatabaseUnavailable, type Database } from '../database/database.pool.ts';
import {
  isAlive,
  MAX_DISPLAYS,
  MAX_USER_AGENT_LENGTH,
  type DisplayClient,
  type DisplaysStore,
} from './displays.store.ts';

// Times are the database's, so that replicas whose clocks disagree still agree on who is alive.
// The same statement forgets the walls beyond the bound, oldest heard from first.
const RECORD = `
  WITH upsert AS (
    INSERT INTO displays (id, version, page, refresh_ms, last_refresh_at, address, user_agent, first_seen_at, last_seen_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())
    ON CONFLICT (id) DO UPDATE SET
      version = excluded.version, page = excluded.page, refresh_ms = excluded.refresh_ms,
      last_refresh_at = excluded.last_refresh_at, address = excluded.address, user_agent = excluded.user_agent,
      last_seen_at = excluded.last_seen_at
  )
  DELETE FROM displays WHERE id IN (SELECT id FROM displays ORDER BY last_seen_at DESC OFFSET $8)`;

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
  constructor(private readonly database: Database) {}

  async record(heartbeat: Heartbeat, client: DisplayClient): Promise<void> {
    this.assertReady();
    await this.database.query(RECORD, [
      heartbeat.id,
      heartbeat.version,
      heartbeat.page,
      heartbeat.refreshMs,
      heartbeat.lastRefreshAt,
      client.address,
      client.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
      MAX_DISPLAYS,
    ]);
  }

  async list(): Promise<Display[]> {
    this.assertReady();
    const { rows } = await this.database.query<Row>(LIST, [MAX_DISPLAYS]);
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
