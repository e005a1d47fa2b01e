import { describe, expect, it } from 'vitest';
import { SummaryAnswer } from '../summary/summaryAnswer.ts';
import { UpstreamError } from '../upstream/upstream.client.ts';
import { catchUpRounds, toRound } from './history.recorder.ts';

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
