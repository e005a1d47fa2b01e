import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';
import { useEffect, useRef } from 'react';
import { sendHeartbeat } from '../../api/tv.ts';
import { heartbeat } from './heartbeat.ts';
import type { RefreshMonitor } from './refreshMonitor.ts';
import { reloadWhenServed } from './reload.ts';
import { shouldReload } from './watchdog.ts';

const WATCHDOG_CHECK_MS = 2_000;
/** Consecutive watchdog reloads, kept across them so that a reload that does not help waits longer. */
export const WATCHDOG_RELOADS_KEY = 'promwall.tv.watchdogReloads';
const RELOAD_RETRY_MS = 60_000;
const PERFORMANCE_CLEANUP_MS = 60_000;

function readReloads(): number {
  try {
    return Number(sessionStorage.getItem(WATCHDOG_RELOADS_KEY)) || 0;
  } catch {
    return 0;
  }
}

function writeReloads(count: number): void {
  try {
    if (count === 0) sessionStorage.removeItem(WATCHDOG_RELOADS_KEY);
    else sessionStorage.setItem(WATCHDOG_RELOADS_KEY, String(count));
  } catch {
    // Without storage every watchdog reload waits the base time.
  }
}

/** Reloads the page when its refreshes stall although the API answers (see shouldReload). */
export function useWatchdog(monitor: RefreshMonitor, refreshMs: number): void {
  useEffect(() => {
    let reloadsInARow = readReloads();
    const timer = setInterval(() => {
      const lastCompletedAt = monitor.lastCompletedAt();
      if (reloadsInARow > 0 && lastCompletedAt > monitor.startedAt) {
        reloadsInARow = 0;
        writeReloads(0);
      }
      const now = Date.now();
      if (!shouldReload({ now, lastCompletedAt, apiUpSince: monitor.apiUpSince, refreshMs, reloadsInARow })) return;
      writeReloads(reloadsInARow + 1);
      void reloadWhenServed().then((reloaded) => {
        if (!reloaded) writeReloads(reloadsInARow);
      });
    }, WATCHDOG_CHECK_MS);
    return () => clearInterval(timer);
  }, [monitor, refreshMs]);
}

/** A full reload every `intervalMs` (0: never), which also brings a wall onto a new build. */
export function usePeriodicReload(intervalMs: number): void {
  useEffect(() => {
    if (intervalMs <= 0) return;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      void reloadWhenServed().then((reloaded) => {
        if (!reloaded) timer = setTimeout(attempt, RELOAD_RETRY_MS);
      });
    };
    timer = setTimeout(attempt, intervalMs);
    return () => clearTimeout(timer);
  }, [intervalMs]);
}

/** Reloads when the server's version changes under a running wall: it was upgraded, and its old
 * build's chunks may be gone. */
export function useReloadOnNewVersion(version: string): void {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) void reloadWhenServed();
  }, [version]);
}

/**
 * The browser records every request in its performance timeline (a wall makes ~10 a refresh);
 * a page that lives for weeks must empty it, or the entries are what grows.
 */
export function usePerformanceCleanup(): void {
  useEffect(() => {
    const timer = setInterval(() => {
      performance.clearResourceTimings?.();
      performance.clearMeasures?.();
      performance.clearMarks?.();
    }, PERFORMANCE_CLEANUP_MS);
    return () => clearInterval(timer);
  }, []);
}

/** Reports the wall to `GET /api/v1/displays` every 30 s, with when it last got fresh data. */
export function useHeartbeat(id: string, refreshMs: number, lastRefreshAt: number | undefined): void {
  const latest = useRef(lastRefreshAt);
  useEffect(() => {
    latest.current = lastRefreshAt;
  }, [lastRefreshAt]);
  useEffect(() => {
    const beat = () => void sendHeartbeat(heartbeat(id, window.location, refreshMs, latest.current));
    beat();
    const timer = setInterval(beat, DISPLAY_HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [id, refreshMs]);
}
