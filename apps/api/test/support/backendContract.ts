import { headlineKeys } from '@promwall/core/headline';
import {
  headlineSeries,
  standardRecord,
  summary as summarySchema,
  targets as targetsSchema,
} from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import { eventually } from '@promwall/stack/testing';
import type { RunningApi } from './api.ts';

/** What Promwall answers the same whichever Prometheus-compatible server it stands on. */
export function backendContract(api: () => RunningApi, source: string): void {
  describe(`summary, series and targets from ${source}`, () => {
    it('answers the five headline metrics with values, units, states, queries and instances', async () => {
      const { status, body } = await api().get('/api/v1/summary');

      expect(status).toBe(200);
      expect(() => summarySchema.parse(body)).not.toThrow();
      expect(body.source).toBe(source);
      expect(body.stale).toBe(false);
      for (const key of headlineKeys) {
        const metric = body.metrics[key];
        expect(metric.value, key).toEqual(expect.any(Number));
        expect(metric.error, key).toBeNull();
        expect(['ok', 'warning', 'critical']).toContain(metric.status);
        expect(['thresholds', 'alert']).toContain(metric.reason);
        expect(metric.sources, key).toEqual({ up: 1, down: 0 });
        expect(Date.now() - Date.parse(metric.sampledAt), key).toBeLessThan(30_000);
        expect(metric.byInstance.length, key).toBeGreaterThan(0);
        for (const row of metric.byInstance) expect(row.sources, key).toEqual({ up: 1, down: 0 });
      }
      expect(body.metrics.dbConnections.thresholds).toEqual({ warning: 80, critical: 100 });
      expect(body.metrics.cpu.value).toBeGreaterThanOrEqual(0);
      expect(body.metrics.cpu.value).toBeLessThanOrEqual(100);
      expect(body.metrics.cpu.unit).toBe('percent');
      expect(body.metrics.dbConnections.value).toBeGreaterThanOrEqual(1);
      expect(body.metrics.rps.value).toBeGreaterThan(0);
      expect(body.metrics.latencyP95.unit).toBe('seconds');
    });

    it('applies ?job= to every selector and reports no data as null, not 0', async () => {
      const node = (await api().get('/api/v1/summary?job=node')).body;
      expect(node.metrics.cpu.value).toEqual(expect.any(Number));
      expect(node.metrics.cpu.query).toBe(
        '100 - (avg(rate(node_cpu_seconds_total{mode="idle",job="node"}[2m])) * 100)',
      );
      expect(node.metrics.rps).toMatchObject({
        value: null,
        sampledAt: null,
        status: 'unknown',
        reason: 'no_data',
        sources: { up: 0, down: 0 },
        error: null,
      });
      expect(node.filters).toEqual({ job: 'node', instance: null });
    });

    it.each(['x"} or vector(1) or {a="', 'node"}) or vector(1) #', 'back\\slash', 'new\nline', '.*', '{job=~".+"}'])(
      'matches the hostile filter value %j literally, as one label value',
      async (value) => {
        const { status, body } = await api().get(`/api/v1/summary?job=${encodeURIComponent(value)}`);

        expect(status).toBe(200);
        for (const key of headlineKeys) {
          expect(body.metrics[key].value, key).toBeNull();
          expect(body.metrics[key].sources, key).toEqual({ up: 0, down: 0 });
          expect(body.metrics[key].error, key).toBeNull();
          expect(body.metrics[key].query).toContain(`job=${JSON.stringify(value)}`);
        }
      },
    );

    it('answers ?format=standard with one name per meaning, unit and status as fields, the sample’s time', async () => {
      const { status, body } = await api().get('/api/v1/summary?format=standard&job=node');

      expect(status).toBe(200);
      expect(Array.isArray(body)).toBe(true);
      for (const record of body) expect(() => standardRecord.parse(record)).not.toThrow();
      const named = (name: string) => body.filter((record: { metric_name: string }) => record.metric_name === name);
      expect(named('cpu')).toEqual([
        expect.objectContaining({ source, data_type: 'metric', labels: { job: 'node' }, unit: 'percent' }),
      ]);
      expect(named('cpu')[0].metric_value).toEqual(expect.any(Number));
      expect(Date.now() - Date.parse(named('cpu')[0].timestamp)).toBeLessThan(30_000);
      expect(named('cpu_by_instance')).toEqual([
        expect.objectContaining({ labels: { job: 'node', instance: expect.any(String) }, unit: 'percent' }),
      ]);
      expect(named('rps')).toEqual([
        expect.objectContaining({ metric_value: null, timestamp: null, status: 'unknown' }),
      ]);
    });

    it('answers a series with a step chosen from the range', async () => {
      // A fresh stack has seconds of data: wait until the range holds a few points.
      const { status, body } = await eventually(
        async () => {
          const response = await api().get('/api/v1/summary/cpu?range=5m');
          return response.body.series?.[0]?.points.length > 1 ? response : undefined;
        },
        20_000,
        'a CPU series of two points',
      );

      expect(status).toBe(200);
      expect(() => headlineSeries.parse(body)).not.toThrow();
      expect(body.stepSeconds).toBe(1);
      expect(body.series).toHaveLength(1);
      expect(body.series[0].points.length).toBeGreaterThan(1);
      expect(body.series[0].points.length).toBeLessThanOrEqual(301);
      expect(Date.parse(body.end) - Date.parse(body.start)).toBe(300_000);
      const [time, value] = body.series[0].points.at(-1);
      expect(new Date(time).toISOString()).toBe(time);
      expect(Date.parse(body.end) - Date.parse(time)).toBeLessThan(10_000);
      expect(value).toEqual(expect.any(Number));
    });

    it('ends a fixed range where asked, on a step boundary', async () => {
      const end = new Date(Date.now() - 30_000);
      const { status, body } = await api().get(`/api/v1/summary/rps?range=1m&step=10s&end=${end.toISOString()}`);

      expect(status).toBe(200);
      expect(Date.parse(body.end)).toBe(Math.floor(end.getTime() / 10_000) * 10_000);
      expect(Date.parse(body.end) - Date.parse(body.start)).toBe(60_000);
    });

    it('keeps within the points asked for, and splits by instance on request', async () => {
      const { body } = await eventually(
        async () => {
          const response = await api().get('/api/v1/summary/memory?range=2m&points=30&by=instance');
          return response.body.series?.length > 0 ? response : undefined;
        },
        20_000,
        'a memory series',
      );

      expect(body.stepSeconds).toBe(5);
      expect(body.series.length).toBeGreaterThan(0);
      expect(body.series[0].labels.instance).toEqual(expect.any(String));
      for (const series of body.series) expect(series.points.length).toBeLessThanOrEqual(25);
    });

    it('lists every target with its health, and counts them', async () => {
      const { status, body } = await api().get('/api/v1/targets');

      expect(status).toBe(200);
      expect(() => targetsSchema.parse(body)).not.toThrow();
      expect(body.targets.map((target: { job: string }) => target.job)).toEqual([
        'alertmanager',
        'demo',
        'node',
        'postgres',
        'prometheus',
      ]);
      expect(body.counts).toEqual({ up: 5, down: 0, unknown: 0, total: 5 });
      const node = body.targets.find((target: { job: string }) => target.job === 'node');
      expect(node).toMatchObject({
        health: 'up',
        lastError: null,
        downSince: null,
        scrapeUrl: expect.stringContaining('/metrics'),
      });
      expect(node.lastScrapeDurationSeconds).toBeGreaterThan(0);
      expect(Date.now() - Date.parse(node.lastScrape)).toBeLessThan(10_000);
    });
  });
}
