import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SummaryAnswer } from '../summary/summaryAnswer.ts';
import { UpstreamError } from '../upstream/upstream.client.ts';
import type { Leadership } from './history.leadership.ts';
import { createHistoryMetrics } from './history.metrics.ts';
import { catchUpRounds, HistoryRecorder, toRound } from './history.recorder.ts';
import type { HistoryWriter } from './history.writer.ts';

const sources = { up: 1, down: 0 };
const metric = (value: number | null, byInstance: { instance: string; value: number | null }[] = []) => ({
  value,
  sampledAt: value === null ? null : new Date(60_000).toISOString(),
  unit: 'percent' as const,
  status: 'ok' as const,
  reason: 'thresholds' as const,
  thresholds: { warning: 70, critical: 90 },
  sources,
  alerts: [],
  query: 'q',
  byInstance: byInstance.map((row) => ({ ...row, status: 'ok' as const, reason: 'thresholds' as const, sources })),
  error: null,
});

describe('toRound', () => {
  it('keeps every figure that has a value, overall and per instance', () => {
    const round = toRound(60_000, {
      ok: true,
      answer: new SummaryAnswer({
        generatedAt: new Date(60_000).toISOString(),
        source: 'prometheus',
        stale: false,
        lastSuccessAt: null,
        filters: { job: null, instance: null },
        metrics: {
          cpu: metric(12.5, [
            { instance: 'a:9100', value: 10 },
            { instance: 'b:9100', value: null },
          ]),
          memory: metric(null),
          dbConnections: metric(0),
          rps: metric(null, [{ instance: 'demo:8000', value: 3 }]),
          latencyP95: metric(null),
        },
      }),
    });

    expect(round).toEqual({
      atMs: 60_000,
      outcome: 'recorded',
      samples: [
        { metric: 'cpu', value: 12.5 },
        { metric: 'cpu', value: 10, instance: 'a:9100' },
        { metric: 'dbConnections', value: 0 },
        { metric: 'rps', value: 3, instance: 'demo:8000' },
      ],
    });
  });

  it('records nothing, as a failed round, when the upstream could not be asked', () => {
    const error = new UpstreamError('unreachable', 502, 'upstream_unreachable', 'prometheus is unreachable');

    expect(toRound(60_000, { ok: false, error })).toEqual({ atMs: 60_000, outcome: 'upstream_failed', samples: [] });
  });
});

describe('catchUpRounds', () => {
  it('fills at least ten rounds, and a hung leader’s session timeout at short intervals', () => {
    expect(catchUpRounds(60_000)).toBe(10);
    expect(catchUpRounds(5_000)).toBe(10);
    expect(catchUpRounds(1_000)).toBe(17);
  });
});

describe('HistoryRecorder', () => {
  const INTERVAL = 1_000;
  const failed = { ok: false as const, error: new UpstreamError('unreachable', 502, 'upstream_unreachable', 'down') };

  /** A recorder whose leadership answers from `leads`, one answer per tick, on a clock the test sets. */
  function recorderWith(leads: boolean[], stored: number) {
    let clock = 0;
    const evaluated: number[] = [];
    const written: number[] = [];
    const recorder = new HistoryRecorder({
      leadership: {
        check: async () => leads.shift() ?? false,
        release: async () => undefined,
      } as unknown as Leadership,
      writer: {
        write: async (round: { atMs: number }) => void written.push(round.atMs),
        lastRoundAt: async () => stored,
        ensurePartition: async () => undefined,
        enforceRetention: async () => ({ droppedPartitions: [], deletedRows: 0 }),
      } as unknown as HistoryWriter,
      evaluate: async (atMs) => {
        evaluated.push(atMs);
        return failed;
      },
      config: { intervalMs: INTERVAL, retentionMs: 400 * 86_400_000, maxQueuedRounds: 100 },
      logger: pino({ level: 'silent' }),
      metrics: createHistoryMetrics(new Registry()),
      now: () => clock,
    });
    return { recorder, evaluated, written, at: (ms: number) => void (clock = ms) };
  }

  it('evaluates every round while leading, filling the short gap behind it', async () => {
    const { recorder, evaluated, at } = recorderWith([true, true, true], 17_000);
    for (const ms of [20_000, 21_000, 22_000]) {
      at(ms + 3);
      await recorder.tick();
    }
    expect(evaluated).toEqual([18_000, 19_000, 20_000, 21_000, 22_000]);
  });

  it('still evaluates the rounds it missed before stepping down, which the new leader may have skipped', async () => {
    // Leader at 20 s; its tick for 21 s came late, after the database returned and another
    // replica took the lock starting from what was stored.
    const { recorder, evaluated, written, at } = recorderWith([true, false, false], 19_000);
    at(20_004);
    await recorder.tick();
    at(22_030);
    await recorder.tick();
    at(23_010);
    await recorder.tick();

    expect(evaluated).toEqual([20_000, 21_000]);
    expect(written).toEqual([20_000, 21_000]);
  });
});
