import { describe, expect, it } from 'vitest';
import { sparklinePaths, valueBounds, type SparkPoint } from './sparklinePath.ts';

const box = { width: 100, height: 30, startMs: 0, endMs: 1_000 };

describe('sparklinePaths', () => {
  it('maps time across the width and values up the height, the highest at the top', () => {
    const { line, area } = sparklinePaths(
      [
        [0, 0],
        [500, 10],
        [1_000, 5],
      ],
      box,
    );
    // 8 % of the height is kept free above and below, so the stroke is never cut.
    expect(line).toBe('M0 27.6L50 2.4L100 15');
    expect(area).toBe('M0 30L0 27.6L50 2.4L100 15L100 30Z');
  });

  it('breaks the line at missing values instead of drawing them as zero', () => {
    const points: SparkPoint[] = [
      [0, 1],
      [250, 2],
      [500, null],
      [750, 1],
      [1_000, 2],
    ];
    const { line, area } = sparklinePaths(points, box);
    expect(line).toBe('M0 27.6L25 2.4M75 27.6L100 2.4');
    expect(area.match(/Z/g)).toHaveLength(2);
  });

  it('breaks the line where steps are missing, as Prometheus leaves them out', () => {
    const points: SparkPoint[] = [
      [0, 1],
      [100, 2],
      [200, 1],
      [700, 1],
      [800, 2],
    ];
    const { line } = sparklinePaths(points, { ...box, stepMs: 100 });
    expect(line).toBe('M0 27.6L10 2.4L20 27.6M70 27.6L80 2.4');
    expect(sparklinePaths(points, box).line).not.toContain('M70');
  });

  it('draws a lone value between gaps as a dot', () => {
    expect(
      sparklinePaths(
        [
          [0, null],
          [500, 3],
          [1_000, null],
        ],
        box,
      ),
    ).toEqual({ line: 'M50 15h0', area: '' });
  });

  it('draws a constant series as a level line through the middle', () => {
    expect(
      sparklinePaths(
        [
          [0, 7],
          [1_000, 7],
        ],
        box,
      ).line,
    ).toBe('M0 15L100 15');
  });

  it('draws on a scale shared with other series when given one', () => {
    const box = { width: 100, height: 100, startMs: 0, endMs: 10 };
    const { line } = sparklinePaths(
      [
        [0, 5],
        [10, 5],
      ],
      { ...box, bounds: { min: 0, max: 10 } },
    );
    expect(line).toBe('M0 50L100 50');
  });

  it('is empty without any value', () => {
    expect(sparklinePaths([], box)).toEqual({ line: '', area: '' });
    expect(sparklinePaths([[0, null]], box)).toEqual({ line: '', area: '' });
  });

  it('keeps points outside the range on the edges', () => {
    expect(
      sparklinePaths(
        [
          [-500, 1],
          [2_000, 2],
        ],
        box,
      ).line,
    ).toBe('M0 27.6L100 2.4');
  });

  it('stays short: two decimals at most', () => {
    const points: SparkPoint[] = Array.from({ length: 60 }, (_, i) => [i * (1_000 / 59), Math.sin(i) * 3.14159]);
    const { line } = sparklinePaths(points, box);
    expect(line).not.toMatch(/\.\d{3}/);
    expect(line.split('L')).toHaveLength(60);
  });
});

describe('valueBounds', () => {
  it('ignores missing and non-finite values', () => {
    expect(
      valueBounds([
        [0, null],
        [1, 4],
        [2, Number.NaN],
        [3, -2],
      ]),
    ).toEqual({ min: -2, max: 4 });
    expect(valueBounds([[0, null]])).toBeUndefined();
  });
});
