import { Transform, pipeline, type Readable } from 'node:stream';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { BUCKET_MS, HISTORY_RESOLUTIONS, resolutionStepMs, type HistoryResolution } from '@promwall/core/history';
import type { HistoryInfo, HistorySeries } from '@promwall/core/schemas';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Config } from '../config.ts';
import type { Database } from '../database/database.pool.ts';

export interface SeriesRequest {
  metric: HeadlineKey;
  fromMs: number;
  toMs: number;
  /** Absent for the headline figure itself. */
  instance?: string | undefined;
  resolution: HistoryResolution;
  /** Points beyond this are not read: the caller refuses such a request before asking. */
  maxPoints: number;
}

export interface ExportRequest {
  format: 'csv' | 'json';
  fromMs: number;
  toMs: number;
  metric?: HeadlineKey | undefined;
}

// A series' labels are exactly {} (the headline figure) or {"instance": …}: equality on them
// reads the unique key's index, which carries the value.
const LABELS = {
  overall: `labels = '{}'::jsonb`,
  instance: `labels = jsonb_build_object('instance', $4::text)`,
};

// The next labels after a given one, through the index: a handful of index probes however many
// rows there are, where DISTINCT would read them all.
const INSTANCES = `
  WITH RECURSIVE found (labels) AS (
    (SELECT labels FROM metrics_data WHERE metric_name = $1 AND labels > '{}'::jsonb ORDER BY labels LIMIT 1)
    UNION ALL
    SELECT (SELECT candidate.labels FROM metrics_data candidate
            WHERE candidate.metric_name = $1 AND candidate.labels > found.labels ORDER BY candidate.labels LIMIT 1)
    FROM found WHERE found.labels IS NOT NULL
  )
  SELECT labels ->> 'instance' AS instance FROM found WHERE labels ? 'instance' LIMIT 1000`;

const ISO_TIMESTAMP = `to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Reads what the recorder stored: series for charts, and exports in the standard format. */
export class HistoryService {
  constructor(
    private readonly database: Database,
    private readonly config: Pick<Config, 'history' | 'metrics'>,
  ) {}

  async info(): Promise<HistoryInfo> {
    const [{ rows }, ...instances] = await Promise.all([
      this.database.query<{ first: Date | null; last: Date | null }>(
        `SELECT min(at) AS first, max(at) AS last FROM history_rounds WHERE outcome = 'recorded'`,
      ),
      ...headlineKeys.map((metric) => this.database.query<{ instance: string }>(INSTANCES, [metric])),
    ]);
    return {
      intervalSeconds: this.config.history.intervalMs / 1000,
      retentionDays: this.config.history.retentionMs / 86_400_000,
      resolutions: [...HISTORY_RESOLUTIONS],
      first: rows[0]?.first?.toISOString() ?? null,
      last: rows[0]?.last?.toISOString() ?? null,
      instances: Object.fromEntries(
        headlineKeys.map((metric, i) => [metric, instances[i]!.rows.map((row) => row.instance).sort()]),
      ) as HistoryInfo['instances'],
    };
  }

  /** The stored points of one metric; averaged over buckets, in SQL, unless raw. */
  async series(request: SeriesRequest): Promise<HistorySeries & { truncated: boolean }> {
    const { metric, fromMs, toMs, instance, resolution, maxPoints } = request;
    const where = `metric_name = $1 AND "timestamp" >= $2 AND "timestamp" <= $3
      AND ${instance === undefined ? LABELS.overall : LABELS.instance}`;
    const values: unknown[] = [metric, new Date(fromMs), new Date(toMs)];
    if (instance !== undefined) values.push(instance);
    values.push(maxPoints + 1);
    const limit = `$${values.length}`;
    const sql =
      resolution === 'raw'
        ? `SELECT "timestamp" AS t, metric_value AS v FROM metrics_data WHERE ${where} ORDER BY "timestamp" LIMIT ${limit}`
        : `SELECT date_bin('${BUCKET_MS[resolution] / 1000} seconds', "timestamp", 'epoch'::timestamptz) AS t, avg(metric_value) AS v
           FROM metrics_data WHERE ${where} GROUP BY 1 ORDER BY 1 LIMIT ${limit}`;
    const { rows } = await this.database.query<{ t: Date; v: number }>(sql, values);
    return {
      metric,
      unit: this.config.metrics[metric].unit,
      resolution,
      instance: instance ?? null,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      stepSeconds: resolutionStepMs(resolution, this.config.history.intervalMs) / 1000,
      points: rows.slice(0, maxPoints).map((row) => ({ timestamp: row.t.toISOString(), value: row.v })),
      truncated: rows.length > maxPoints,
    };
  }

  /**
   * The stored rows in the standard format, as a byte stream. PostgreSQL formats them (COPY) and
   * the stream reads from its connection only as fast as the consumer takes them, so memory stays
   * bounded whatever the size. Destroying the stream closes that connection, which ends the COPY.
   */
  async openExport(request: ExportRequest): Promise<Readable> {
    const client = await this.database.connect();
    let copy: Readable;
    try {
      // An export runs as long as its reader reads; the pool's statement timeout is for queries.
      await client.query('SET statement_timeout = 0');
      copy = client.query(copyTo(exportStatement(request)));
    } catch (error) {
      client.release(error as Error);
      throw this.database.failed(error);
    }
    let released = false;
    const release = (error?: Error | null) => {
      if (released) return;
      released = true;
      if (error) {
        client.release(error);
        return;
      }
      client.query('RESET statement_timeout').then(
        () => client.release(),
        (failure: Error) => client.release(failure),
      );
    };
    copy.once('end', () => release());
    copy.once('error', (error) => release(error));
    copy.once('close', () => release(new Error('export stopped before its end')));
    if (request.format === 'csv') return copy;
    return pipeline(copy, jsonArray(), () => undefined);
  }
}

function exportStatement({ format, fromMs, toMs, metric }: ExportRequest): string {
  // COPY takes no parameters: the values are validated times and a known metric name, quoted.
  const conditions = [
    `"timestamp" >= ${pg.escapeLiteral(new Date(fromMs).toISOString())}`,
    `"timestamp" <= ${pg.escapeLiteral(new Date(toMs).toISOString())}`,
    ...(metric ? [`metric_name = ${pg.escapeLiteral(metric)}`] : []),
  ];
  const rows = `SELECT metric_name, metric_value, ${ISO_TIMESTAMP} AS "timestamp", labels, source, data_type
    FROM metrics_data WHERE ${conditions.join(' AND ')}`;
  if (format === 'csv') return `COPY (${rows}) TO STDOUT WITH (FORMAT csv, HEADER)`;
  // One JSON object per line. CSV mode, unlike text mode, writes a value as it is, without
  // backslash escapes; with a quote and a delimiter that JSON text never holds raw (control
  // characters are escaped in it), nothing is quoted either.
  return `COPY (SELECT row_to_json(r) FROM (${rows}) r) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

const NEWLINE = 0x0a;
const SEPARATOR = Buffer.from(',\n');

/** Lines of JSON objects into one JSON array, streaming: a newline only ever ends a line, since
 * JSON text escapes its own, and a byte 0x0A is never inside a multi-byte UTF-8 character. */
export function jsonArray(): Transform {
  let started = false;
  let pendingNewline = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      if (!started) parts.push(Buffer.from('[\n'));
      started = true;
      if (pendingNewline && chunk.length > 0) parts.push(SEPARATOR);
      const end = chunk.at(-1) === NEWLINE ? chunk.length - 1 : chunk.length;
      if (chunk.length > 0) pendingNewline = end < chunk.length;
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE, start); at !== -1 && at < end; at = chunk.indexOf(NEWLINE, start)) {
        parts.push(chunk.subarray(start, at), SEPARATOR);
        start = at + 1;
      }
      parts.push(chunk.subarray(start, end));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, started ? '\n]\n' : '[]\n');
    },
  });
}
