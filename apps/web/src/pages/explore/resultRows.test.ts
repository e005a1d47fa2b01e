// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { InstantSample } from '../../api/prometheus.ts';
import { resultRows } from './resultRows.ts';

describe('resultRows', () => {
  it('gives a vector one row per series with its value', () => {
    const rows = resultRows({
      resultType: 'vector',
      result: [
        { metric: { __name__: 'up', job: 'a' }, value: [100, '1'] },
        { metric: { __name__: 'up', job: 'b' }, value: [100, 'NaN'] },
      ],
    });

    expect(rows).toEqual({
      rows: [
        { kind: 'series', metric: { __name__: 'up', job: 'a' }, values: ['1'] },
        { kind: 'series', metric: { __name__: 'up', job: 'b' }, values: ['NaN'] },
      ],
      total: 2,
    });
  });

  it('caps the rows and still counts them all', () => {
    const result: InstantSample[] = Array.from({ length: 5 }, (_, i) => ({
      metric: { i: String(i) },
      value: [1, '0'],
    }));

    const rows = resultRows({ resultType: 'vector', result }, 3);

    expect(rows.rows).toHaveLength(3);
    expect(rows.total).toBe(5);
  });

  it('lists the samples of a range vector with their times', () => {
    const rows = resultRows({
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'up' },
          values: [
            [10, '1'],
            [25, '0'],
          ],
        },
      ],
    });

    expect(rows.rows).toEqual([{ kind: 'series', metric: { __name__: 'up' }, values: ['1 @10', '0 @25'] }]);
  });

  it('shows a scalar and a string as one row', () => {
    expect(resultRows({ resultType: 'scalar', result: [1, '42'] }).rows).toEqual([{ kind: 'scalar', values: ['42'] }]);
    expect(resultRows({ resultType: 'string', result: [1, 'hello'] }).rows).toEqual([
      { kind: 'string', values: ['hello'] },
    ]);
  });

  it("shows a native histogram's count and sum", () => {
    const rows = resultRows({
      resultType: 'vector',
      result: [{ metric: { __name__: 'h' }, histogram: [1, { count: '10', sum: '2.5' }] }],
    });

    expect(rows.rows[0]?.values).toEqual(['histogram count=10 sum=2.5']);
  });
});
