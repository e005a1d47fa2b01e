import type { HeadlineKey } from '@promwall/core/headline';
import type { Database } from '../database/database.pool.ts';

/** One figure of a round: a headline metric's value, overall or for one instance. */
export interface Sample {
  metric: HeadlineKey;
  value: number;
  /** Absent for the headline figure itself. */
  instance?: string;
}

/** What one recording round produced, at one evaluation time on the interval grid. */
export interface Round {
  atMs: number;
  /** `upstream_failed`: the upstream could not be asked, so nothing is recorded and the gap stays. */
  outcome: 'recorded' | 'upstream_failed';
  samples: Sample[];
}

const DAY_MS = 86_400_000;

// One statement per round: the round's marker and its samples are written together or not at
// all, and a round already written (by another replica, or before a lost acknowledgement) is
// skipped whole. Labels are built here so that the driver sends plain text arrays.
const WRITE_ROUND = `
  WITH round AS (
    INSERT INTO history_rounds (at, outcome, samples) VALUES ($1, $2, $3)
    ON CONFLICT (at) DO NOTHING
    RETURNING at
  )
  INSERT INTO metrics_data (metric_name, metric_value, "timestamp", labels, source)
  SELECT sample.metric_name, sample.metric_value, round.at,
         CASE WHEN sample.instance IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('instance', sample.instance) END,
         $4
  FROM round CROSS JOIN unnest($5::text[], $6::float8[], $7::text[]) AS sample (metric_name, metric_value, instance)
  ON CONFLICT DO NOTHING`;

/** SQLSTATEs of a partition created meanwhile by another replica. */
const ALREADY_EXISTS = new Set(['42P07', '23505']);

/** The monthly partition holding a time, by name: metrics_data_y2026m11. */
export function partitionOf(ms: number): { name: string; fromMs: number; toMs: number } {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    name: `metrics_data_y${year}m${String(month + 1).padStart(2, '0')}`,
    fromMs: Date.UTC(year, month, 1),
    toMs: Date.UTC(year, month + 1, 1),
  };
}

const PARTITION_NAME = /^metrics_data_y(\d{4})m(\d{2})$/;

/** Writes rounds and keeps the store's shape: monthly partitions ahead of need, retention behind. */
export class HistoryWriter {
  private readonly partitions = new Set<string>();
  /** Where the last retention pass stopped; rows before it are gone. */
  private retainedFromMs: number | undefined;

  constructor(
    private readonly database: Database,
    private readonly source: string,
  ) {}

  /** Writes one round in one statement. */
  async write(round: Round): Promise<void> {
    await this.ensurePartition(round.atMs);
    const { samples } = round;
    await this.database.query(WRITE_ROUND, [
      new Date(round.atMs),
      round.outcome,
      samples.length,
      this.source,
      samples.map((sample) => sample.metric),
      samples.map((sample) => sample.value),
      samples.map((sample) => sample.instance ?? null),
    ]);
  }

  /** The newest round any replica evaluated, written or failed. */
  async lastRoundAt(): Promise<number | undefined> {
    const { rows } = await this.database.query<{ at: Date | null }>('SELECT max(at) AS at FROM history_rounds');
    return rows[0]?.at?.getTime();
  }

  /** Creates the month's partition when missing; next month's is created ahead of need. */
  async ensurePartition(ms: number): Promise<void> {
    const { name, fromMs, toMs } = partitionOf(ms);
    if (this.partitions.has(name)) return;
    await this.ddl(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF metrics_data
       FOR VALUES FROM ('${new Date(fromMs).toISOString()}') TO ('${new Date(toMs).toISOString()}')`,
    );
    this.partitions.add(name);
  }

  /**
   * Runs a partition change. It locks the whole table, as a long export does too: it waits a
   * few seconds at most and fails (the round stays queued, retention tries again later) rather
   * than queue every reader behind it.
   */
  private async ddl(sql: string): Promise<void> {
    const client = await this.database.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query("SET LOCAL lock_timeout = '5s'");
      await client.query(sql);
      await client.query('COMMIT');
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw this.database.failed(error);
    } finally {
      client.release(failure);
    }
  }

  /**
   * Forgets what is older than the cutoff: whole monthly partitions once past it, and the rows of
   * the month that straddles it in slices of a day, so that no statement runs long.
   */
  async enforceRetention(cutoffMs: number): Promise<{ droppedPartitions: string[]; deletedRows: number }> {
    const { rows } = await this.database.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'metrics_data'::regclass`,
    );
    const owned = rows
      .map(({ name }) => ({ name, match: PARTITION_NAME.exec(name) }))
      .filter((row): row is { name: string; match: RegExpExecArray } => row.match !== null)
      .map(({ name, match }) => ({ name, fromMs: Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) }))
      .map(({ name, fromMs }) => ({ name, fromMs, toMs: partitionOf(fromMs).toMs }));
    const droppedPartitions: string[] = [];
    for (const partition of owned.filter((candidate) => candidate.toMs <= cutoffMs)) {
      await this.ddl(`DROP TABLE IF EXISTS ${partition.name}`);
      this.partitions.delete(partition.name);
      droppedPartitions.push(partition.name);
    }
    const straddling = owned.find((candidate) => candidate.fromMs < cutoffMs && cutoffMs < candidate.toMs);
    let deletedRows = 0;
    if (straddling) {
      const fromMs = Math.max(straddling.fromMs, this.retainedFromMs ?? straddling.fromMs);
      for (let sliceFromMs = fromMs; sliceFromMs < cutoffMs; sliceFromMs += DAY_MS) {
        const result = await this.database.query(
          `DELETE FROM metrics_data WHERE "timestamp" >= $1 AND "timestamp" < $2`,
          [new Date(sliceFromMs), new Date(Math.min(sliceFromMs + DAY_MS, cutoffMs))],
        );
        deletedRows += result.rowCount ?? 0;
      }
    }
    await this.database.query('DELETE FROM history_rounds WHERE at < $1', [new Date(cutoffMs)]);
    this.retainedFromMs = cutoffMs;
    return { droppedPartitions, deletedRows };
  }
}
