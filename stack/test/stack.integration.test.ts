import { readFileSync } from 'node:fs';
import { headlineKeys, headlineMetrics } from '@promwall/core/headline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOptions } from '../src/config.ts';
import type { Stack } from '../src/stack.ts';
import { eventually } from './eventually.ts';
import { prometheusApi, processesUsing, STACK_JOBS } from './prometheusApi.ts';
import { startTestStack } from './testStack.ts';

interface Target {
  labels: { job: string };
  health: string;
  lastError: string;
}

let stack: Stack;
let options: StackOptions;

const { get: prometheus, instant, allTargetsUp, answered } = prometheusApi(() => stack.urls.prometheus);

beforeAll(async () => {
  ({ stack, options } = await startTestStack('integration'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the embedded stack', () => {
  it('has every scrape target up', async () => {
    const targets = await allTargetsUp<Target>();
    expect(targets.map((target) => target.labels.job).sort()).toEqual(STACK_JOBS);
  });

  it.each(headlineKeys)('answers the %s headline query with data', async (key) => {
    const { query, byInstanceQuery } = headlineMetrics[key];
    for (const expr of [query, byInstanceQuery]) {
      expect((await answered(expr)).length).toBeGreaterThan(0);
    }
  });

  it("answers the seeds' own queries with data", async () => {
    for (const expr of [
      '100 - (avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)',
      '(1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100',
      'pg_stat_database_numbackends{datname="promwall_demo"}',
      'rate(app_request_total[1m])',
      'histogram_quantile(0.95, rate(app_request_duration_seconds_bucket[5m]))',
    ]) {
      const rows = await eventually(
        async () => {
          const result = await instant(expr);
          return result.some((row) => Number.isFinite(Number(row.value[1]))) ? result : undefined;
        },
        30_000,
        expr,
      );
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('loads the alert rules and sends to Alertmanager', async () => {
    const rules = await prometheus<{ groups: { rules: { name: string; health: string }[] }[] }>('/api/v1/rules');
    const names = rules.groups.flatMap((group) => group.rules.map((rule) => rule.name)).sort();
    expect(names).toEqual(['DatabaseConnectionHigh', 'HighCPUUsage', 'HighRequestLatency', 'InstanceDown']);
    const alertmanagers = await eventually(
      async () => {
        const data = await prometheus<{ activeAlertmanagers: { url: string }[] }>('/api/v1/alertmanagers');
        return data.activeAlertmanagers.length > 0 ? data.activeAlertmanagers : undefined;
      },
      15_000,
      'an active Alertmanager',
    );
    expect(alertmanagers[0]?.url).toContain(`:${options.ports.alertmanager}/`);
  });

  it("serves Promwall's health check and web app", async () => {
    const health = await fetch(`${stack.urls.promwall}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const page = await fetch(`${stack.urls.promwall}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('stops one component and brings it back with the same settings', async () => {
    const before = stack.services().find((service) => service.name === 'node-exporter')!;
    await stack.stopService('node-exporter');
    expect(() => process.kill(before.pid, 0)).toThrow();
    await expect(fetch(`${stack.urls.nodeExporter}/metrics`)).rejects.toThrow();

    await stack.restartService('node-exporter');
    const after = stack.services().find((service) => service.name === 'node-exporter')!;
    expect(after.pid).not.toBe(before.pid);
    expect((await fetch(`${stack.urls.nodeExporter}/metrics`)).status).toBe(200);
  });

  it('leaves no process behind once stopped', async () => {
    const services = stack.services();
    const pids = services.map((service) => service.pid);
    expect(pids).toHaveLength(7);
    expect(processesUsing(options.dataDir).length).toBeGreaterThan(0);
    await stack.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(processesUsing(options.dataDir)).toEqual([]);
    expect(stack.services()).toEqual([]);
    const postgresLog = services.find((service) => service.name === 'postgres')!.logPath;
    expect(readFileSync(postgresLog, 'utf8')).toMatch(/database system is shut down\s*$/);
  });
});
