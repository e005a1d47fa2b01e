import { join } from 'node:path';
import { headlineKeys, headlineMetrics } from '@promwall/core/headline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOptions } from '../src/config.ts';
import type { Stack } from '../src/stack.ts';
import { eventually } from './eventually.ts';
import { prometheusApi, processesUsing, STACK_JOBS, type Sample } from './prometheusApi.ts';
import { startTestStack } from './testStack.ts';

/** The fields of an active target that both Prometheus and VictoriaMetrics report. */
interface Target {
  discoveredLabels: Record<string, string>;
  labels: { job: string; instance: string };
  scrapePool: string;
  scrapeUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: string;
}

let stack: Stack;
let options: StackOptions;
let victoriaMetrics: string;

const { get: api, instant, allTargetsUp, answered } = prometheusApi(() => victoriaMetrics);

beforeAll(async () => {
  ({ stack, options } = await startTestStack('victoria', { withVictoriaMetrics: true, withoutPromwall: true }));
  victoriaMetrics = stack.urls.victoriaMetrics!;
});

afterAll(async () => {
  if (!stack) return;
  const service = stack.services().find((running) => running.name === 'victoria-metrics');
  await stack.stop();
  expect(service).toBeDefined();
  expect(() => process.kill(service!.pid, 0)).toThrow();
  expect(processesUsing(join(options.dataDir, 'victoria-metrics'))).toEqual([]);
});

describe('VictoriaMetrics beside the embedded stack', () => {
  it('runs as one more supervised service, right after Prometheus, with its own URL', () => {
    expect(victoriaMetrics).toBe(`http://127.0.0.1:${options.ports.victoriaMetrics}`);
    const names = stack.services().map((service) => service.name);
    expect(names.slice(-2)).toEqual(['prometheus', 'victoria-metrics']);
    expect(names).not.toContain('promwall');
  });

  it('scrapes the same jobs as Prometheus, all up', async () => {
    const targets = await allTargetsUp<Target>();
    expect(targets.map((target) => target.labels.job).sort()).toEqual(STACK_JOBS);
    for (const target of targets) {
      expect(target.scrapePool).toBe(target.labels.job);
      expect(target.scrapeUrl).toBe(`http://${target.labels.instance}/metrics`);
      expect(target.discoveredLabels.__address__).toBe(target.labels.instance);
      expect(target.lastError).toBe('');
      expect(Date.now() - Date.parse(target.lastScrape)).toBeLessThan(30_000);
      expect(typeof target.lastScrapeDuration).toBe('number');
    }
  });

  it.each(headlineKeys)('answers the %s headline query with data', async (key) => {
    const { query, byInstanceQuery } = headlineMetrics[key];
    for (const expr of [query, byInstanceQuery]) {
      expect((await answered(expr)).length).toBeGreaterThan(0);
    }
  });

  it('shows samples scraped seconds ago (no 30 s latency offset)', async () => {
    const [row] = await eventually(
      async () => {
        const rows = await instant('timestamp(up{job="node"})');
        return rows.length > 0 ? rows : undefined;
      },
      30_000,
      'timestamp(up{job="node"})',
    );
    const now = Date.now() / 1000;
    // The evaluation time is "now", not now - 30 s, and the newest sample is a scrape or two old.
    expect(now - row!.value[0]).toBeLessThan(10);
    expect(now - Number(row!.value[1])).toBeLessThan(10);
  });

  it('answers a range query over the last minute with a series per job', async () => {
    const data = await eventually(
      async () => {
        const end = Date.now() / 1000;
        const answer = await api<{
          resultType: string;
          result: { metric: Record<string, string>; values: Sample[] }[];
        }>(`/api/v1/query_range?query=up&start=${end - 60}&end=${end}&step=2`);
        return answer.result.length === 5 && answer.result.every((row) => row.values.length >= 2) ? answer : undefined;
      },
      30_000,
      'a range of up per job',
    );
    expect(data.resultType).toBe('matrix');
    expect(data.result.map((row) => row.metric.job).sort()).toEqual([
      'alertmanager',
      'demo',
      'node',
      'postgres',
      'prometheus',
    ]);
    for (const row of data.result) {
      for (const [, value] of row.values) expect(Number.isFinite(Number(value))).toBe(true);
      expect(row.values.at(-1)?.[1]).toBe('1');
    }
  });
});
