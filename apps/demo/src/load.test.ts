import { describe, expect, it } from 'vitest';
import { NORMAL_HOLD_MAX_SECONDS, SLOW_PHASE, jitter, loadPattern, planRequest } from './load.ts';
import type { LoadTarget } from './load.ts';

const DEFAULTS = { cycleSeconds: 600, maxDbConnections: 60 };

function sweep(options = DEFAULTS, stepSeconds = 1): LoadTarget[] {
  const out: LoadTarget[] = [];
  for (let t = 0; t < options.cycleSeconds; t += stepSeconds) out.push(loadPattern(t, options));
  return out;
}

describe('loadPattern', () => {
  it('stays within its bounds over a whole cycle', () => {
    for (const options of [
      DEFAULTS,
      { cycleSeconds: 60, maxDbConnections: 60 },
      { cycleSeconds: 10, maxDbConnections: 2 },
    ]) {
      for (const target of sweep(options, options.cycleSeconds / 600)) {
        expect(target.intensity).toBeGreaterThanOrEqual(0);
        expect(target.intensity).toBeLessThanOrEqual(1);
        expect(target.cyclePosition).toBeGreaterThanOrEqual(0);
        expect(target.cyclePosition).toBeLessThan(1);
        expect(Number.isInteger(target.holdConcurrency)).toBe(true);
        expect(target.holdConcurrency).toBeGreaterThanOrEqual(Math.min(2, options.maxDbConnections));
        expect(target.holdConcurrency).toBeLessThanOrEqual(options.maxDbConnections);
        expect(target.dbConcurrency).toBeLessThanOrEqual(options.maxDbConnections);
        expect(target.requestsPerSecond).toBeGreaterThan(0);
        expect(target.requestsPerSecond).toBeLessThanOrEqual(50);
        expect(target.holdSeconds).toBeGreaterThan(0);
        expect(target.holdSeconds).toBeLessThanOrEqual(2);
      }
    }
  });

  it('ranges the DB concurrency from about 2 to about the pool size', () => {
    const concurrency = sweep().map((t) => t.dbConcurrency);
    expect(Math.min(...concurrency)).toBeLessThanOrEqual(3);
    expect(Math.max(...concurrency)).toBeGreaterThanOrEqual(56);
    const rates = sweep().map((t) => t.requestsPerSecond);
    expect(Math.max(...rates)).toBeGreaterThan(3 * Math.min(...rates));
  });

  it('starts low, peaks mid-cycle and repeats every cycle', () => {
    expect(loadPattern(0, DEFAULTS).intensity).toBeLessThan(0.15);
    expect(loadPattern(300, DEFAULTS).intensity).toBeGreaterThan(0.85);
    for (const t of [0, 17, 123.4, 280, 299, 555]) {
      const first = loadPattern(t, DEFAULTS);
      const later = loadPattern(t + 600, DEFAULTS);
      expect(later.cyclePosition).toBeCloseTo(first.cyclePosition, 9);
      expect(later.phase).toBe(first.phase);
      expect(later.extraDelaySeconds).toBeCloseTo(first.extraDelaySeconds, 9);
      // Only the small wobble, whose periods are unrelated to the cycle, differs.
      expect(Math.abs(later.intensity - first.intensity)).toBeLessThanOrEqual(0.16);
    }
  });

  it('has a slow phase of about 15 % of the cycle with latency well above 0.5 s', () => {
    const targets = sweep();
    const slow = targets.filter((t) => t.phase === 'slow');
    expect(slow.length / targets.length).toBeCloseTo(SLOW_PHASE.end - SLOW_PHASE.start, 2);
    expect(slow.length).toBeGreaterThan(80);
    for (const t of slow) {
      expect(t.extraDelaySeconds).toBeGreaterThanOrEqual(0.6);
      expect(t.holdSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(loadPattern(0.5 * 600, DEFAULTS).phase).toBe('slow');
  });

  it('keeps every normal-phase request fast', () => {
    for (const t of sweep().filter((x) => x.phase === 'normal')) {
      expect(t.extraDelaySeconds).toBe(0);
      expect(t.holdSeconds).toBeLessThanOrEqual(NORMAL_HOLD_MAX_SECONDS);
    }
  });

  it('keeps more than 40 connections busy for well over a minute with the defaults', () => {
    const above = sweep().filter((t) => t.dbConcurrency > 40).length;
    expect(above).toBeGreaterThan(120);
  });

  it('makes room for slowed API calls by lowering the number of holders', () => {
    const peak = loadPattern(0.52 * 600, DEFAULTS);
    expect(peak.phase).toBe('slow');
    const slowedCalls = peak.requestsPerSecond * peak.extraDelaySeconds;
    expect(peak.holdConcurrency + slowedCalls).toBeLessThanOrEqual(DEFAULTS.maxDbConnections);
    expect(peak.holdConcurrency).toBeLessThan(peak.dbConcurrency);
  });

  it('treats negative or invalid time as the start of the cycle', () => {
    expect(loadPattern(-5, DEFAULTS)).toEqual(loadPattern(0, DEFAULTS));
    expect(loadPattern(Number.NaN, DEFAULTS)).toEqual(loadPattern(0, DEFAULTS));
  });
});

/** A small seeded PRNG, so the mix test is deterministic. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('planRequest', () => {
  function seq(values: number[]): () => number {
    let i = 0;
    return () => values[i++ % values.length]!;
  }

  it('mixes reads, writes, reports and a few bad requests over the known routes', () => {
    const paths = new Map<string, number>();
    const rnd = mulberry32(42);
    for (let i = 0; i < 5000; i++) {
      const plan = planRequest(rnd, { users: 50 });
      const key = `${plan.method} ${plan.path.split('?')[0]}`;
      paths.set(key, (paths.get(key) ?? 0) + 1);
      expect(plan.userId).toMatch(/^user-([0-9]|[1-4][0-9])$/);
    }
    expect([...paths.keys()].sort()).toEqual([
      'GET /api/does-not-exist',
      'GET /api/orders',
      'GET /api/report',
      'POST /api/orders',
    ]);
    expect(paths.get('GET /api/does-not-exist')! / 5000).toBeLessThan(0.05);
  });

  it('sends a valid order body as the simulated user', () => {
    const plan = planRequest(seq([0.5, 0.6, 0.5]), { users: 10 });
    expect(plan.method).toBe('POST');
    const body = JSON.parse(plan.body!) as { customer: string; amount: number };
    expect(body.customer).toBe(plan.userId);
    expect(body.amount).toBeGreaterThan(0);
  });

  it('sometimes sends an invalid order on purpose', () => {
    const plan = planRequest(seq([0.1, 0.96]), { users: 10 });
    expect(plan.method).toBe('POST');
    expect((JSON.parse(plan.body!) as { amount: number }).amount).toBeLessThan(0);
  });
});

describe('jitter', () => {
  it('scales within the spread', () => {
    expect(jitter(1, 0.2, () => 0)).toBeCloseTo(0.8);
    expect(jitter(1, 0.2, () => 0.999999)).toBeCloseTo(1.2);
    expect(jitter(2, 0.1, () => 0.5)).toBeCloseTo(2);
  });
});
