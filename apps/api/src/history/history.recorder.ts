import { headlineKeys } from '@promwall/core/headline';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { DatabaseUnavailable, type Database } from '../database/database.pool.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { SummaryService, type Round as SummaryRound } from '../summary/summary.service.ts';
import { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { createUpstreamClient } from '../upstream/upstream.client.ts';
import { Leadership, sessionTimeoutMs } from './history.leadership.ts';
import { createHistoryMetrics, type HistoryMetrics } from './history.metrics.ts';
import { RoundQueue } from './history.queue.ts';
import { HistoryWriter, partitionOf, type Round, type Sample } from './history.writer.ts';

/**
 * Rounds a new leader (or a late one) evaluates to fill the gap behind it; a longer gap stays. At
 * least ten, and enough to cover the takeover from a hung leader, whose lock the server frees only
 * when its session times out.
 */
export function catchUpRounds(intervalMs: number): number {
  return Math.max(10, Math.ceil(sessionTimeoutMs(intervalMs) / intervalMs) + 2);
}

const RETENTION_EVERY_MS = 3_600_000;
/** How long a stopping recorder tries to write what it has queued. */
const FINAL_FLUSH_MS = 3_000;

export interface RecorderDeps {
  leadership: Leadership;
  writer: HistoryWriter;
  /** The headline figures at a time on the grid. */
  evaluate: (atMs: number) => Promise<SummaryRound>;
  config: Config['history'];
  logger: Logger;
  metrics: HistoryMetrics;
  now?: () => number;
}

/**
 * Records the headline figures every interval, on a grid of evaluation times (multiples of the
 * interval since the Unix epoch), so that every replica names a round by the same time: whoever
 * writes a round first writes it, and the unique keys make any second write a no-op. Only the
 * leader evaluates; rounds wait in a bounded queue until the database takes them.
 */
export class HistoryRecorder {
  private readonly queue: RoundQueue<Round>;
  private readonly log: Logger;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private leader = false;
  /** The next grid time to evaluate while leader. */
  private nextAtMs: number | undefined;
  private lastRetentionMs = Number.NEGATIVE_INFINITY;
  private writing = true;

  constructor(private readonly deps: RecorderDeps) {
    this.queue = new RoundQueue(deps.config.maxQueuedRounds);
    this.log = deps.logger.child({ component: 'history' });
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops recording, tries briefly to write what is queued, and hands leadership over. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.race([this.flush(), new Promise((resolve) => setTimeout(resolve, FINAL_FLUSH_MS).unref())]);
    if (this.queue.size > 0) this.log.warn({ rounds: this.queue.size }, 'stopping with history rounds unwritten');
    await this.deps.leadership.release();
    this.leader = false;
    this.deps.metrics.leader.set(0);
  }

  /** One round of work; exposed for tests, which drive the clock themselves. */
  async tick(): Promise<void> {
    const { intervalMs } = this.deps.config;
    const dueAtMs = Math.floor(this.now() / intervalMs) * intervalMs;
    const leader = await this.deps.leadership.check();
    if (leader !== this.leader) {
      // A leader that steps down still owes the rounds due before this one that it missed (a
      // late tick, while it was presumed leader): the new leader starts from what is stored, not
      // from this replica's queue, and may have skipped them. A round both write is written once.
      if (!leader) await this.evaluateDue(dueAtMs - intervalMs);
      this.log.info(leader ? 'this replica records history' : 'another replica records history');
      this.deps.metrics.leader.set(leader ? 1 : 0);
      this.nextAtMs = leader ? await this.resumeAt(dueAtMs) : undefined;
      this.leader = leader;
    }
    if (leader) await this.evaluateDue(dueAtMs);
    await this.flush();
    if (leader && this.now() - this.lastRetentionMs >= RETENTION_EVERY_MS) await this.maintain();
  }

  private schedule(): void {
    if (this.stopped) return;
    const { intervalMs } = this.deps.config;
    this.timer = setTimeout(
      () => {
        this.ticking = this.tick()
          .catch((error: unknown) => this.log.error({ err: error }, 'history round failed'))
          .finally(() => this.schedule());
      },
      intervalMs - (this.now() % intervalMs),
    );
  }

  /**
   * Where a new leader starts: right after the newest round any replica evaluated (its own queue
   * included), when that gap is short enough to fill; otherwise at the current round.
   */
  private async resumeAt(dueAtMs: number): Promise<number> {
    const { intervalMs } = this.deps.config;
    const catchUp = catchUpRounds(intervalMs);
    const stored = await this.deps.writer.lastRoundAt().catch(() => undefined);
    const last = Math.max(stored ?? Number.NEGATIVE_INFINITY, this.queue.newest()?.atMs ?? Number.NEGATIVE_INFINITY);
    const next = last + intervalMs;
    return next >= dueAtMs - (catchUp - 1) * intervalMs ? Math.min(next, dueAtMs) : dueAtMs;
  }

  private async evaluateDue(dueAtMs: number): Promise<void> {
    const { intervalMs } = this.deps.config;
    let fromMs = this.nextAtMs ?? dueAtMs;
    // Already evaluated (a tick that came early): nothing is due.
    if (fromMs > dueAtMs) return;
    const behind = (dueAtMs - fromMs) / intervalMs + 1;
    const catchUp = catchUpRounds(intervalMs);
    if (behind > catchUp) {
      this.deps.metrics.rounds.inc({ outcome: 'skipped' }, behind - catchUp);
      fromMs = dueAtMs - (catchUp - 1) * intervalMs;
    }
    for (let atMs = fromMs; atMs <= dueAtMs; atMs += intervalMs) {
      const round = toRound(atMs, await this.deps.evaluate(atMs));
      this.deps.metrics.rounds.inc({ outcome: round.outcome });
      const dropped = this.queue.push(round);
      if (dropped > 0) this.deps.metrics.dropped.inc(dropped);
    }
    this.deps.metrics.queued.set(this.queue.size);
    this.nextAtMs = dueAtMs + intervalMs;
  }

  /** Writes queued rounds oldest first; stops at the first failure and keeps the rest. */
  private async flush(): Promise<void> {
    let written = 0;
    for (let round = this.queue.peek(); round; round = this.queue.peek()) {
      const stop = this.deps.metrics.writes.startTimer();
      try {
        await this.deps.writer.write(round);
      } catch (error) {
        if (this.writing) {
          this.log.warn({ ...cause(error), queued: this.queue.size }, 'history rounds wait for the database');
          this.writing = false;
        }
        break;
      }
      stop();
      // Another flush (the final one at shutdown) may have written it meanwhile.
      if (this.queue.peek() === round) this.queue.shift();
      this.deps.metrics.lastWritten.set(round.atMs / 1000);
      written++;
    }
    if (written > 0 && !this.writing) {
      this.log.info({ written, queued: this.queue.size }, 'history rounds written after the database returned');
      this.writing = true;
    }
    this.deps.metrics.queued.set(this.queue.size);
  }

  /** Next month's partition ahead of need, and what is past retention gone. Rounds create
   * their own month's partition when missing, so a failure here loses nothing. */
  private async maintain(): Promise<void> {
    const nowMs = this.now();
    try {
      await this.deps.writer.ensurePartition(nowMs);
      await this.deps.writer.ensurePartition(partitionOf(nowMs).toMs);
      const { droppedPartitions, deletedRows } = await this.deps.writer.enforceRetention(
        nowMs - this.deps.config.retentionMs,
      );
      if (droppedPartitions.length > 0 || deletedRows > 0) {
        this.log.info({ droppedPartitions, deletedRows }, 'history past retention removed');
      }
    } catch (error) {
      this.log.warn(cause(error), 'history maintenance failed; trying again in an hour');
    } finally {
      this.lastRetentionMs = nowMs;
    }
  }
}

/** An absent database is a state, already logged once by the pool: its reason is enough. */
function cause(error: unknown): Record<string, unknown> {
  return error instanceof DatabaseUnavailable ? { reason: error.message } : { err: error };
}

/** A summary round as rows: every figure that has a value, overall and per instance. A metric
 * with no data, or whose query failed, has no row: a gap, never a made-up 0. */
export function toRound(atMs: number, round: SummaryRound): Round {
  if (!round.ok) return { atMs, outcome: 'upstream_failed', samples: [] };
  const samples: Sample[] = headlineKeys.flatMap((metric) => {
    const { value, byInstance } = round.answer.summary.metrics[metric];
    return [
      ...(value === null ? [] : [{ metric, value }]),
      ...byInstance.flatMap(({ instance, value: own }) => (own === null ? [] : [{ metric, value: own, instance }])),
    ];
  });
  return { atMs, outcome: 'recorded', samples };
}

/** The recorder of a running Promwall: its own upstream client, uncached rounds. */
export function createHistoryRecorder({
  config,
  database,
  logger,
  metrics,
}: {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: ApiMetrics;
}): HistoryRecorder {
  const prometheus = createUpstreamClient(config.prometheus, metrics, {
    maxBytes: config.limits.maxUpstreamBytes,
    concurrency: new ConcurrencyLimit(config.limits.concurrentUpstreamQueries, config.limits.queueTimeoutMs),
  });
  // History keeps the figures alone: the rules linked to them are the wall's business, not a record's.
  const summary = new SummaryService(prometheus, { rules: () => Promise.resolve([]) }, config, metrics);
  return new HistoryRecorder({
    leadership: new Leadership(database, config.history.intervalMs),
    writer: new HistoryWriter(database, config.prometheus.name),
    evaluate: (atMs) => summary.roundAt(atMs),
    config: config.history,
    logger,
    metrics: createHistoryMetrics(metrics.registry),
  });
}
