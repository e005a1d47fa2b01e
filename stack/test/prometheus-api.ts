import { readdirSync, readFileSync } from 'node:fs';

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
  return { get, instant };
}

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
