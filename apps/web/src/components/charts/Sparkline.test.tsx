// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { toChartData } from './chartData.ts';
import { Sparkline } from './Sparkline.tsx';

afterEach(cleanup);

const STEP = 15_000;

describe('<Sparkline>', () => {
  it('breaks its line where steps are missing instead of drawing across the gap', () => {
    // Prometheus leaves the steps of an outage out: ten points, a gap of ten steps, ten points.
    const times = [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 20 + i)];
    const data = toChartData([{ labels: {}, points: times.map((i) => [i * STEP, 40 + (i % 3)] as const) }], {
      stepMs: STEP,
    });
    const { container } = render(
      <Sparkline
        rows={data.rows}
        dataKey={data.series[0]!.key}
        color="red"
        startMs={0}
        endMs={29 * STEP}
        width={300}
        height={36}
      />,
    );
    const line = container.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '';
    expect(line.match(/M/g)).toHaveLength(2);
  });
});
