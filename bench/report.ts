import type { LoadResult } from './load.ts';

export interface BenchRow {
  run: string;
  load: LoadResult;
  /** Upstream instant queries per second during the run, or a dash when not measured. */
  upstream: string;
  /** Against the row's baseline, with the target it is held to. */
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

/** `63.2× (target ≥ 50×: met)`: the verdict sits beside the figure so no reader has to compute it. */
export function ratioVerdict(ratio: number, target: number, baseline: string): string {
  const shown = ratio >= 10 ? integer.format(ratio) : ratio.toFixed(2);
  return `${shown}× ${baseline} (target ≥ ${target}×: ${ratio >= target ? 'met' : '**missed**'})`;
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| run | req/s | p50 | p99 | failed | upstream queries/s | ratio |',
    '|---|--:|--:|--:|--:|--:|---|',
    ...rows.map(
      ({ run, load, upstream, comparison }) =>
        `| ${run} | ${formatRate(load.requestsPerSecond)} | ${decimal.format(load.p50Ms)} ms | ${decimal.format(load.p99Ms)} ms | ${integer.format(load.failed)} | ${upstream} | ${comparison} |`,
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
