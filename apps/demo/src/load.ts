// The built-in load: a pure function mapping time to a target (loadPattern), a pure request
// picker (planRequest), and a loop that drives the service's own HTTP routes over loopback.
import { setMaxListeners } from 'node:events';
import type { Logger } from './log.ts';
import { ThrottledLog, describeError } from './log.ts';
import { USER_HEADER } from './server.ts';
import { sleep } from './sleep.ts';

/** Part of each cycle (as fractions of it) in which the service is degraded. */
export const SLOW_PHASE = { start: 0.45, end: 0.6 } as const;
/**
 * DB-holding requests start in lockstep waves this far apart. Between waves their connections
 * sit idle for less than the pool's idle timeout (1 s), so they stay open: the open-connection
 * count follows the number of holders while the request rate stays in the tens to hundreds.
 */
export const HOLD_WAVE_SECONDS = 0.8;
/** Upper bound of a normal-phase hold, kept under the 0.25 s latency bucket. */
export const NORMAL_HOLD_MAX_SECONDS = 0.2;
/** Database latency added to each API query during the slow phase (edges → middle). */
export const SLOW_DELAY_SECONDS = { edge: 0.6, middle: 1.1 } as const;
/** Duration of each hold during the slow phase (edges → middle). */
export const SLOW_HOLD_SECONDS = { edge: 1, middle: 2 } as const;

export type LoadPhase = 'normal' | 'slow';

export interface LoadTarget {
  /** Position in the cycle, in [0, 1). */
  cyclePosition: number;
  phase: LoadPhase;
  /** Overall load level in [0, 1]: a sinusoid over the cycle plus a small wobble. */
  intensity: number;
  /** Requests meant to be holding a database connection at once (holders + slowed API calls). */
  dbConcurrency: number;
  /** Concurrent callers of GET /api/hold. */
  holdConcurrency: number;
  /** How long each hold keeps its connection, in seconds. */
  holdSeconds: number;
  /** Rate of the other API calls (orders, report, a few bad requests). */
  requestsPerSecond: number;
  /** Database latency injected into each API query; 0 outside the slow phase. */
  extraDelaySeconds: number;
  /** Size of the simulated user population the requests are spread over. */
  users: number;
}

export interface PatternOptions {
  cycleSeconds: number;
  maxDbConnections: number;
}

/**
 * What the load should look like `elapsedSeconds` after it started. Low at the start of each
 * cycle, peaking half-way; the slow phase sits around the peak.
 */
export function loadPattern(elapsedSeconds: number, { cycleSeconds, maxDbConnections }: PatternOptions): LoadTarget {
  const t = Number.isFinite(elapsedSeconds) && elapsedSeconds > 0 ? elapsedSeconds : 0;
  const position = (t % cycleSeconds) / cycleSeconds;
  const wave = (1 - Math.cos(2 * Math.PI * position)) / 2;
  // Deterministic wobble with periods unrelated to the cycle, so the curves do not look drawn.
  const wobble = 0.05 * Math.sin((2 * Math.PI * t) / 17) + 0.03 * Math.sin((2 * Math.PI * t) / 7.3 + 1.3);
  const intensity = clamp(wave + wobble, 0, 1);

  const slow = position >= SLOW_PHASE.start && position < SLOW_PHASE.end;
  // 0 → 1 → 0 across the slow phase.
  const bump = slow ? Math.sin((Math.PI * (position - SLOW_PHASE.start)) / (SLOW_PHASE.end - SLOW_PHASE.start)) : 0;

  // Leave two connections of the pool for the short API queries at the peak.
  const low = Math.min(2, maxDbConnections);
  const high = Math.max(low, maxDbConnections - 2);
  const dbConcurrency = Math.round(low + (high - low) * intensity);

  const extraDelaySeconds = slow
    ? SLOW_DELAY_SECONDS.edge + (SLOW_DELAY_SECONDS.middle - SLOW_DELAY_SECONDS.edge) * bump
    : 0;
  let requestsPerSecond = 4 + 40 * intensity;
  let slowedApiCalls = 0;
  if (slow) {
    // Slowed API calls hold connections too: give them at most ~45 % of the DB concurrency.
    requestsPerSecond = Math.min(requestsPerSecond * 0.5, (dbConcurrency * 0.45) / extraDelaySeconds);
    slowedApiCalls = Math.ceil(requestsPerSecond * extraDelaySeconds);
  }

  return {
    cyclePosition: position,
    phase: slow ? 'slow' : 'normal',
    intensity,
    dbConcurrency,
    holdConcurrency: Math.max(low, dbConcurrency - slowedApiCalls),
    holdSeconds: slow
      ? SLOW_HOLD_SECONDS.edge + (SLOW_HOLD_SECONDS.middle - SLOW_HOLD_SECONDS.edge) * bump
      : 0.1 + (NORMAL_HOLD_MAX_SECONDS - 0.1) * intensity,
    requestsPerSecond,
    extraDelaySeconds,
    users: Math.round(10 + 190 * intensity),
  };
}

export interface RequestPlan {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Simulated user sending the call (counted by app_active_users); none for batch work. */
  userId?: string;
}

/** Picks one API call of the regular traffic; `random` returns values in [0, 1). */
export function planRequest(random: () => number, target: Pick<LoadTarget, 'users'>): RequestPlan {
  const userId = `user-${Math.floor(random() * Math.max(1, target.users))}`;
  const pick = random();
  if (pick < 0.4) {
    return { method: 'GET', path: `/api/orders?limit=${10 + Math.floor(random() * 41)}`, userId };
  }
  if (pick < 0.75) {
    const amount = Math.round((5 + random() * 495) * 100) / 100;
    return { method: 'POST', path: '/api/orders', body: JSON.stringify({ customer: userId, amount }), userId };
  }
  if (pick < 0.95) {
    const minutes = [5, 15, 60][Math.floor(random() * 3)] ?? 15;
    return { method: 'GET', path: `/api/report?minutes=${minutes}`, userId };
  }
  if (pick < 0.98) {
    // A client bug: a negative amount, answered with 400.
    return { method: 'POST', path: '/api/orders', body: JSON.stringify({ customer: userId, amount: -1 }), userId };
  }
  return { method: 'GET', path: '/api/does-not-exist', userId };
}

/** Scales `value` by a random factor in [1 - spread, 1 + spread). */
export function jitter(value: number, spread: number, random: () => number = Math.random): number {
  return value * (1 - spread + 2 * spread * random());
}

export interface LoadLoopOptions extends PatternOptions {
  /** Where the service listens, e.g. http://127.0.0.1:18000 */
  baseUrl: string;
  log: Logger;
  fetch?: typeof fetch;
  random?: () => number;
  /** Milliseconds since an arbitrary origin; performance.now by default. */
  now?: () => number;
  tickMs?: number;
  /** Regular API calls allowed in flight at once; more are skipped. */
  maxInFlight?: number;
}

export interface LoadLoop {
  /** The target right now. */
  target(): LoadTarget;
  stop(): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function startLoadLoop(options: LoadLoopOptions): LoadLoop {
  const doFetch = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const tickMs = options.tickMs ?? 100;
  const maxInFlight = options.maxInFlight ?? 200;
  const { log } = options;
  const failures = new ThrottledLog(log, 10_000);

  const startedAt = now();
  const elapsedMs = () => now() - startedAt;
  const target = () => loadPattern(elapsedMs() / 1000, options);

  const stopper = new AbortController();
  // Every holder sleeps on this signal between waves: up to DEMO_MAX_DB_CONNECTIONS listeners.
  setMaxListeners(0, stopper.signal);
  const requests = new Set<AbortController>();
  const inFlight = new Set<Promise<void>>();
  const holders = new Map<number, Promise<void>>();
  let wantedHolders = 0;
  let stopped = false;
  let carry = 0;
  let lastTick = now();
  let phase: LoadPhase | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function send(plan: RequestPlan): Promise<void> {
    // One controller per request (aborted on timeout or stop) rather than AbortSignal.any on a
    // long-lived signal, which piles up listeners on it.
    const request = new AbortController();
    requests.add(request);
    const timeout = setTimeout(() => request.abort(new Error('request timed out')), REQUEST_TIMEOUT_MS);
    try {
      const headers: Record<string, string> = {};
      if (plan.userId !== undefined) headers[USER_HEADER] = plan.userId;
      if (plan.body !== undefined) headers['content-type'] = 'application/json';
      const res = await doFetch(options.baseUrl + plan.path, {
        method: plan.method,
        headers,
        body: plan.body,
        signal: request.signal,
      });
      await res.arrayBuffer();
      if (res.status >= 500) failures.error(`load: ${plan.method} ${plan.path.split('?')[0]} answered ${res.status}`);
    } catch (error) {
      if (!stopped) failures.error(`load: ${plan.method} ${plan.path.split('?')[0]} failed: ${describeError(error)}`);
    } finally {
      clearTimeout(timeout);
      requests.delete(request);
    }
  }

  async function holder(index: number): Promise<void> {
    const waveMs = HOLD_WAVE_SECONDS * 1000;
    while (!stopped && index < wantedHolders) {
      const seconds = Math.round(jitter(target().holdSeconds, 0.1, random) * 1000) / 1000;
      await send({ method: 'GET', path: `/api/hold?seconds=${seconds}` });
      // Start the next hold with the next wave (plus a few ms of spread).
      const at = elapsedMs();
      await sleep(Math.ceil(at / waveMs) * waveMs + random() * 30 - at, stopper.signal);
    }
  }

  function tick(): void {
    if (stopped) return;
    const current = now();
    const dt = Math.min(1, Math.max(0, (current - lastTick) / 1000));
    lastTick = current;
    const t = target();
    if (t.phase !== phase) {
      if (phase !== undefined) {
        log.info(
          t.phase === 'slow'
            ? `load: slow phase begins (API queries +${SLOW_DELAY_SECONDS.edge}-${SLOW_DELAY_SECONDS.middle}s, ` +
                `holds ${SLOW_HOLD_SECONDS.edge}-${SLOW_HOLD_SECONDS.middle}s)`
            : 'load: slow phase ends',
        );
      }
      phase = t.phase;
    }

    wantedHolders = t.holdConcurrency;
    for (let i = 0; i < wantedHolders; i++) {
      if (holders.has(i)) continue;
      const run = holder(i).finally(() => holders.delete(i));
      holders.set(i, run);
    }

    carry += t.requestsPerSecond * dt;
    while (carry >= 1) {
      carry -= 1;
      if (inFlight.size >= maxInFlight) continue;
      const run = send(planRequest(random, t)).finally(() => inFlight.delete(run));
      inFlight.add(run);
    }
    timer = setTimeout(tick, tickMs);
  }

  tick();

  return {
    target,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      stopper.abort();
      for (const request of requests) request.abort();
      await Promise.allSettled([...inFlight, ...holders.values()]);
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
