/**
 * Promwall's schema, as the steps that build it: each runs once, in order, in a transaction of its
 * own, and is recorded in `schema_migrations`. A released step is never edited; a change is a
 * new step. Kept as TypeScript rather than .sql files so that the bundled server carries them.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'history',
    // metrics_data is the seeds' standard format; the unique key is what makes a round written
    // twice (by two replicas, or again after a lost acknowledgement) count once. It is
    // partitioned by month so that retention drops whole months instead of deleting rows; the
    // recorder creates the partitions. history_rounds remembers every round a recorder
    // evaluated, written or not, so that a replica taking over knows where to continue and does
    // not fill a gap that an upstream outage left. A series is read on the unique key (its labels
    // are exactly {} or {"instance": …}), which carries the value so that a year of one series is
    // read from the index alone, not from heap pages it shares with every other series. Exports
    // and retention go by time alone, which a BRIN index serves for almost no space, as rows
    // arrive in time order.
    sql: `
      CREATE TABLE history_rounds (
        at timestamptz PRIMARY KEY,
        outcome text NOT NULL CHECK (outcome IN ('recorded', 'upstream_failed')),
        samples integer NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE metrics_data (
        metric_name text NOT NULL,
        metric_value double precision NOT NULL
          CHECK (metric_value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)),
        "timestamp" timestamptz NOT NULL,
        labels jsonb NOT NULL DEFAULT '{}',
        source text NOT NULL,
        data_type text NOT NULL DEFAULT 'metric',
        CONSTRAINT metrics_data_sample UNIQUE (metric_name, labels, "timestamp") INCLUDE (metric_value)
      ) PARTITION BY RANGE ("timestamp");

      CREATE INDEX metrics_data_by_time ON metrics_data USING brin ("timestamp");
    `,
  },
  {
    version: 2,
    name: 'displays',
    // Shared by every replica: a heartbeat sent to one is listed by all.
    sql: `
      CREATE TABLE displays (
        id text PRIMARY KEY,
        version text NOT NULL,
        page text NOT NULL,
        refresh_ms integer NOT NULL,
        last_refresh_at timestamptz,
        address text NOT NULL,
        user_agent text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      );

      CREATE INDEX displays_by_last_seen ON displays (last_seen_at);
    `,
  },
];
