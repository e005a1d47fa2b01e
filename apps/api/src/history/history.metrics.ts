import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The recorder's state in /metrics: who records, what waits, what was lost. */
export interface HistoryMetrics {
  leader: Gauge;
  rounds: Counter<'outcome'>;
  queued: Gauge;
  dropped: Counter;
  writes: Histogram;
  lastWritten: Gauge;
}

export function createHistoryMetrics(registry: Registry): HistoryMetrics {
  return {
    leader: new Gauge({
      name: 'promwall_history_leader',
      help: '1 when this replica is the one recording history (it holds the advisory lock).',
      registers: [registry],
    }),
    rounds: new Counter({
      name: 'promwall_history_rounds_total',
      help: 'Recording rounds by outcome: recorded, upstream_failed (nothing recorded: a gap), skipped (evaluated too late).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    queued: new Gauge({
      name: 'promwall_history_queued_rounds',
      help: 'Rounds waiting in memory to be written to the database.',
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'promwall_history_dropped_rounds_total',
      help: 'Rounds dropped unwritten because the queue was full while the database was away.',
      registers: [registry],
    }),
    writes: new Histogram({
      name: 'promwall_history_write_duration_seconds',
      help: 'Rounds written to the database (one statement each), by duration.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    lastWritten: new Gauge({
      name: 'promwall_history_last_written_round_timestamp_seconds',
      help: 'Evaluation time of the newest round this replica wrote.',
      registers: [registry],
    }),
  };
}
