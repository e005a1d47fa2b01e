// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { graphSeries } from './graphSeries.ts';

describe('graphSeries', () => {
  it('converts seconds to ms and names a lone series in full, as PromQL writes it', () => {
    const result = graphSeries([
      {
        metric: { __name__: 'up', job: 'a' },
        values: [
          [1.5, '1'],
          [16.5, '0.25'],
        ],
      },
    ]);

    expect(result.series).toEqual([
      {
        labels: { series: 'up{job="a"}' },
        points: [
          [1500, 1],
          [16500, 0.25],
        ],
      },
    ]);
    expect(result.common).toEqual({});
  });

  it('names several series by the labels that tell them apart, and returns the shared ones', () => {
    const result = graphSeries([
      { metric: { __name__: 'req', job: 'demo', route: '/a', status: '200' }, values: [] },
      { metric: { __name__: 'req', job: 'demo', route: '/b', status: '200' }, values: [] },
      { metric: { __name__: 'req', job: 'demo', route: '/b', status: '500' }, values: [] },
    ]);

    expect(result.series.map((series) => series.labels.series)).toEqual([
      '{route="/a", status="200"}',
      '{route="/b", status="200"}',
      '{route="/b", status="500"}',
    ]);
    expect(result.common).toEqual({ __name__: 'req', job: 'demo' });
  });

  it('keeps a label that only some series have', () => {
    const result = graphSeries([
      { metric: { job: 'a', code: '500' }, values: [] },
      { metric: { job: 'a' }, values: [] },
    ]);

    expect(result.series.map((series) => series.labels.series)).toEqual(['{code="500"}', '{}']);
  });

  it('turns NaN and infinities into gaps', () => {
    const { series } = graphSeries([
      {
        metric: {},
        values: [
          [1, 'NaN'],
          [2, '+Inf'],
          [3, '-Inf'],
          [4, '3'],
        ],
      },
    ]);

    expect(series[0]?.points).toEqual([
      [1000, null],
      [2000, null],
      [3000, null],
      [4000, 3],
    ]);
  });

  it('caps the series and counts them all', () => {
    const result = Array.from({ length: 4 }, (_, i) => ({ metric: { i: String(i) }, values: [] }));

    expect(graphSeries(result, 2)).toMatchObject({ total: 4, series: [{}, {}] });
  });
});
