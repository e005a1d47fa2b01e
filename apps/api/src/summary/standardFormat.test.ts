import { headlineKeys } from '@promwall/core/headline';
import { standardRecord, type HeadlineValue, type Summary } from '@promwall/core/schemas';
import { describe, expect, it } from 'vitest';
import { toStandardRecords } from './standardFormat.ts';

const value = (overrides: Partial<HeadlineValue> = {}): HeadlineValue => ({
  value: 40,
  sampledAt: '2026-11-22T10:00:00.000Z',
  unit: 'percent',
  status: 'ok',
  reason: 'thresholds',
  thresholds: { warning: 70, critical: 80 },
  sources: { up: 2, down: 0 },
  alerts: [],
  query: 'q',
  byInstance: [
    { instance: 'a', value: 30, status: 'ok', reason: 'thresholds', sources: { up: 1, down: 0 } },
    { instance: 'b', value: 50, status: 'ok', reason: 'thresholds', sources: { up: 1, down: 0 } },
  ],
  error: null,
  ...overrides,
});

const summary: Summary = {
  generatedAt: '2026-11-22T10:00:02.000Z',
  source: 'prometheus',
  stale: false,
  lastSuccessAt: '2026-11-22T10:00:02.000Z',
  filters: { job: 'node', instance: null },
  metrics: Object.fromEntries(headlineKeys.map((key) => [key, value()])) as Summary['metrics'],
};

describe('toStandardRecords', () => {
  const records = toStandardRecords(summary);

  it('names the total and the per-instance rows apart, so that summing a name never double-counts', () => {
    const cpu = records.filter((record) => record.metric_name === 'cpu');
    const byInstance = records.filter((record) => record.metric_name === 'cpu_by_instance');
    expect(cpu).toHaveLength(1);
    expect(byInstance.map((record) => record.labels)).toEqual([
      { job: 'node', instance: 'a' },
      { job: 'node', instance: 'b' },
    ]);
    expect(byInstance.reduce((sum, record) => sum + record.metric_value!, 0)).toBe(80);
  });

  it('keeps unit and status as fields and the sample’s time as the timestamp', () => {
    expect(records[0]).toEqual({
      metric_name: 'cpu',
      metric_value: 40,
      timestamp: '2026-11-22T10:00:00.000Z',
      labels: { job: 'node' },
      unit: 'percent',
      status: 'ok',
      source: 'prometheus',
      data_type: 'metric',
    });
    for (const record of records) expect(standardRecord.parse(record)).toEqual(record);
  });

  it('gives a record without a value no timestamp', () => {
    const empty = toStandardRecords({
      ...summary,
      metrics: { ...summary.metrics, cpu: value({ value: null, sampledAt: null, byInstance: [] }) },
    });
    expect(empty[0]).toMatchObject({ metric_name: 'cpu', metric_value: null, timestamp: null });
  });
});
