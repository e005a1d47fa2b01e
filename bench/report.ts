import type { LoadResult } from '@promwall/stack/testing';

export interface BenchRow {
  run: string;
  connections: number;
  load: LoadResult;
  /** Upstream instant queries per second during the run, or a dash when not measured. */
  upstream: string;
  /** Promwall's CPU time per request answered, or a dash for other servers. */
  cpuPerRequest: string;
  /** Against the row's baselines, with the targets it is held to. */
  comparison: string;
}

export interface BenchEnvironment {
  date: Date;
  nodeVersion: string;
  cpus: number;
  cpuModel: string;
  command: string;
  settings: string;
  /** One-minute load average when the run began: other work on the machine moves every figure. */
  loadAverage: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? integer.format(perSecond) : decimal.format(perSecond);
}

export function formatMs(ms: number): string {
  return `${ms >= 100 ? integer.format(ms) : decimal.format(ms)} ms`;
}

/** `63× Flask (target ≥ 50×: met)`: the verdict sits beside the figure so no reader has to compute it. */
export function ratioVerdict(ratio: number, baseline: string, target?: number): string {
  const shown = ratio >= 10 ? integer.format(ratio) : ratio.toFixed(2);
  if (target === undefined) return `${shown}× ${baseline}`;
  return `${shown}× ${baseline} (target ≥ ${target}×: ${ratio >= target ? 'met' : '**missed**'})`;
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| run | conns | req/s | p50 | p99 | max | failed | upstream queries/s | Promwall CPU/req | ratio |',
    '|---|--:|--:|--:|--:|--:|--:|---|--:|---|',
    ...rows.map(
      ({ run, connections, load, upstream, cpuPerRequest, comparison }) =>
        `| ${run} | ${connections} | ${formatRate(load.requestsPerSecond)} | ${formatMs(load.p50Ms)} | ${formatMs(load.p99Ms)} | ` +
        `${formatMs(load.maxMs)} | ${integer.format(load.failed)} | ${upstream} | ${cpuPerRequest} | ${comparison} |`,
    ),
  ];
  return lines.join('\n');
}

export function resultsDocument(environment: BenchEnvironment, table: string, notes: readonly string[]): string {
  return [
    '# Promwall benchmark results',
    '',
    `Measured ${environment.date.toISOString()} with \`${environment.command}\` on Node ${environment.nodeVersion}, ` +
      `${environment.cpus} CPUs (${environment.cpuModel}), load average ${environment.loadAverage.toFixed(1)} at the start. ${environment.settings}`,
    '',
    table,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
