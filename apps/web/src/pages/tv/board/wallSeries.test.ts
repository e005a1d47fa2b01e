import type { TimeseriesData } from '@promwall/core/dashboardSchemas';
import { describe, expect, it } from 'vitest';
import { wallBounds, wallSeries } from './wallSeries.ts';

/** Points given in ms, as the wall draws them; the API sends ISO 8601. */
const data = (series: [number, number | null][][]): TimeseriesData => ({
  type: 'timeseries',
  generatedAt: '2026-10-25T00:00:00.000Z',
  stale: false,
  start: '2026-10-25T00:00:00.000Z',
  end: '2026-10-25T00:01:00.000Z',
  stepSeconds: 10,
  queries: ['x'],
  unit: 'count',
  truncated: false,
  series: series.map((points, i) => ({
    query: 0,
    name: `s${i}`,
    labels: {},
    points: points.map(([ms, value]) => [new Date(ms).toISOString(), value]),
  })),
});

describe('wallSeries', () => {
  it('breaks a line where samples are missing for more than a step and a half', () => {
    const [series] = wallSeries(
      data([
        [
          [0, 1],
          [10_000, 2],
          [40_000, 3],
        ],
      ]),
      false,
    );
    expect(series!.points).toEqual([
      [0, 1],
      [10_000, 2],
      [20_000, null],
      [40_000, 3],
    ]);
    expect(series!.last).toBe(3);
  });

  it('stacks series as running totals, time by time', () => {
    const stacked = wallSeries(
      data([
        [
          [0, 1],
          [10_000, 2],
        ],
        [
          [0, 5],
          [10_000, null],
        ],
      ]),
      true,
    );
    expect(stacked.map((series) => series.points)).toEqual([
      [
        [0, 1],
        [10_000, 2],
      ],
      [
        [0, 6],
        [10_000, null],
      ],
    ]);
    expect(stacked[1]!.last).toBeNull();
  });
});

describe('wallBounds', () => {
  const series = wallSeries(
    data([
      [
        [0, 20],
        [10_000, 80],
      ],
    ]),
    false,
  );

  it('starts at 0 and ends at the highest value, unless the panel fixes an end', () => {
    expect(wallBounds(series, {})).toEqual({ min: 0, max: 80 });
    expect(wallBounds(series, { min: 10, max: 100 })).toEqual({ min: 10, max: 100 });
    expect(wallBounds([], {})).toBeUndefined();
  });
});
