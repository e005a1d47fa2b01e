import { readdirSync, readFileSync } from 'node:fs';
import { eventually } from './eventually.ts';

export type Sample = [number, string];
export interface VectorRow {
  metric: Record<string, string>;
  value: Sample;
}

/** A small client for the Prometheus HTTP API of a server under test (Prometheus or
 * VictoriaMetrics): the data of a successful answer, or an error with the server's words. */
export function prometheusApi(baseUrl: () => string) {
  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${baseUrl()}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  }
  async function instant(query: string): Promise<VectorRow[]> {
    return (await get<{ result: VectorRow[] }>(`/api/v1/query?query=${encodeURIComponent(query)}`)).result;
  }
  /** Waits until every job of the stack has its target up, and returns the targets. */
  async function allTargetsUp<T extends { labels: { job: string }; health: string }>(): Promise<T[]> {
    return eventually(
      async () => {
        const { activeTargets } = await get<{ activeTargets: T[] }>('/api/v1/targets');
        const up = activeTargets.filter((target) => target.health === 'up');
        return up.length === STACK_JOBS.length ? activeTargets : undefined;
      },
      30_000,
      'all targets up',
    );
  }
  /** Waits until `query` answers at least one row, every value a finite number. */
  async function answered(query: string): Promise<VectorRow[]> {
    return eventually(
      async () => {
        const rows = await instant(query);
        return rows.length > 0 && rows.every((row) => Number.isFinite(Number(row.value[1]))) ? rows : undefined;
      },
      30_000,
      query,
    );
  }
  return { get, instant, allTargetsUp, answered };
}

/** The jobs the stack's Prometheus and VictoriaMetrics scrape. */
export const STACK_JOBS = ['alertmanager', 'demo', 'node', 'postgres', 'prometheus'];

/** Processes whose command line names `path`: what a stopped stack must not leave behind. */
export function processesUsing(path: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmdline.includes(path) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}
