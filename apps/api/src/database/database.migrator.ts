import type pg from 'pg';
import type { Database } from './database.pool.ts';
import { LOCKS } from './database.locks.ts';
import { migrations as allMigrations, type Migration } from './database.migrations.ts';

export interface MigrationResult {
  /** Versions applied by this call, in order. */
  applied: number[];
  /** The database's version when it is past the newest step this Promwall knows. */
  newer?: number;
}

/**
 * Brings the schema up to date. Runs under a session advisory lock, so that of replicas starting
 * together one migrates and the others wait, then find nothing left to do; each step commits
 * with its version, so a crash mid-way resumes at the failed step.
 */
export async function migrate(
  database: Pick<Database, 'connect'>,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationResult> {
  const client = await database.connect();
  let failure: Error | undefined;
  try {
    // A migration may wait on the lock and rewrite tables: the pool's statement timeout is for
    // reads, not for this.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1, $2)', LOCKS.migrations);
    const result = await applyPending(client, migrations).catch((error: Error) => {
      failure = error;
      return undefined;
    });
    await client.query('SELECT pg_advisory_unlock($1, $2)', LOCKS.migrations);
    await client.query('RESET statement_timeout');
    if (failure) throw failure;
    return result!;
  } catch (error) {
    failure ??= error as Error;
    throw error;
  } finally {
    // A connection that failed may still hold the lock or a transaction: closed, never reused.
    client.release(failure);
  }
}

async function applyPending(client: pg.PoolClient, migrations: readonly Migration[]): Promise<MigrationResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  const current = rows[0]?.version ?? 0;
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    applied.push(migration.version);
  }
  const known = migrations.at(-1)?.version ?? 0;
  return current > known ? { applied, newer: current } : { applied };
}
