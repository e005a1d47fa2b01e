import { headlineSeries, summary as summarySchema } from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';
import type { UpstreamClient } from '../upstream/upstream.client.ts';
import { SummaryService } from './summary.service.ts';

const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9' }, '/nonexistent');
const limits = { ...config.limits, maxInstances: 50, maxSeries: 20 };

/** Answers every instant query with the headline row and `instances` per-instance rows. */
function manyInstances(instances: number): UpstreamClient {
  return {
    name: 'prometheus',
    getJson: (path) => {
      if (path === '/api/v1/query') {
        const result = [
          { metric: { promwall_headline: '1' }, value: [1, '42'] },
          ...Array.from({ length: instances }, (_, i) => ({
            metric: { instance: `host-${i}` },
            value: [1, String(i)],
          })),
        ];
        return Promise.resolve({ status: 'success', data: { resultType: 'vector', result } });
      }
      const result = Array.from({ length: instances }, (_, i) => ({
        metric: { instance: `host-${i}` },
        values: [
          [1, String(i % 97)],
          [2, '0'],
        ],
      }));
      return Promise.resolve({ status: 'success', data: { resultType: 'matrix', result } });
    },
  };
}

const serviceFor = (instances: number) =>
  new SummaryService(manyInstances(instances), { ...config, limits }, createMetrics());

describe('SummaryService limits', () => {
  it('keeps the instances with the highest values up to limits.maxInstances, and says so', async () => {
    const answer = await serviceFor(5_000).summary({});

    const cpu = answer.metrics.cpu;
    expect(summarySchema.parse(answer)).toEqual(answer);
    expect(cpu.value).toBe(42);
    expect(cpu.byInstance).toHaveLength(50);
    expect(cpu.byInstanceTruncated).toEqual({ limit: 50, total: 5_000 });
    expect(Math.min(...cpu.byInstance.map((row) => row.value!))).toBe(4_950);
    expect(cpu.byInstance.map((row) => row.instance)).toEqual(cpu.byInstance.map((row) => row.instance).sort());
  });

  it('answers every instance, without a note, up to the limit', async () => {
    const cpu = (await serviceFor(50).summary({})).metrics.cpu;

    expect(cpu.byInstance).toHaveLength(50);
    expect(cpu.byInstanceTruncated).toBeUndefined();
  });

  it('keeps the series with the highest peaks up to limits.maxSeries, and says so', async () => {
    const answer = await serviceFor(1_000).headlineSeries({
      metric: 'cpu',
      rangeMs: 60_000,
      stepMs: 1_000,
      byInstance: true,
      filters: {},
    });

    expect(headlineSeries.parse(answer)).toEqual(answer);
    expect(answer.series).toHaveLength(20);
    expect(answer.truncated).toEqual({ limit: 20, total: 1_000 });
    expect(answer.series.every((series) => series.points[0]![1]! >= 91)).toBe(true);
  });
});
