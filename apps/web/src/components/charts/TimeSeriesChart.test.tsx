// @vitest-environment happy-dom
import { formatValue } from '@promwall/core/units';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toChartData, type SourceSeries } from './chartData.ts';
import { nearestRow } from './ChartHover.tsx';
import { chartPoints, TimeSeriesChart } from './TimeSeriesChart.tsx';

afterEach(cleanup);

const T0 = 1_800_000_000_000;
const STEP = 15_000;

function source(seriesCount: number, points: number): SourceSeries[] {
  return Array.from({ length: seriesCount }, (_, s) => ({
    labels: { instance: `node-${String(s).padStart(2, '0')}:9100` },
    points: Array.from(
      { length: points },
      (_, i) => [T0 + i * STEP, 40 + 10 * Math.sin(i / 20 + s)] as [number, number],
    ),
  }));
}

function renderChart(
  data: ReturnType<typeof toChartData>,
  points: number,
  props: Partial<Parameters<typeof TimeSeriesChart>[0]> = {},
) {
  return render(
    <TimeSeriesChart
      data={data}
      unit="percent"
      startMs={T0}
      endMs={T0 + (points - 1) * STEP}
      width={1000}
      height={200}
      {...props}
    />,
  );
}

const axisValues = (container: HTMLElement) =>
  [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')]
    .map((tick) => tick.textContent ?? '')
    .filter((label) => label.endsWith('%'));

describe('<TimeSeriesChart>', () => {
  it('draws one line per series, without dots, and a legend entry for each', () => {
    const { container } = renderChart(toChartData(source(3, 60), { stepMs: STEP }), 60);
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(3);
    expect(container.querySelectorAll('.recharts-line-dots, .recharts-dot')).toHaveLength(0);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'node-00:9100',
      'node-01:9100',
      'node-02:9100',
    ]);
  });

  it('puts the unit on the y axis', () => {
    const { container } = renderChart(toChartData(source(1, 60)), 60);
    // recharts draws the tick labels in a layer of their own, apart from the axis group.
    const labels = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(
      (tick) => tick.textContent ?? '',
    );
    const values = labels.filter((label) => label.endsWith('%'));
    expect(values[0]).toBe('0%');
    expect(values.length).toBeGreaterThanOrEqual(3);
  });

  it('makes the value axis as wide as its longest label, and the plot starts after it', () => {
    const rates = source(1, 60).map((series) => ({
      ...series,
      points: series.points.map(([t, value]) => [t, (value ?? 0) * 3] as [number, number]),
    }));
    const { container } = render(
      <TimeSeriesChart
        data={toChartData(rates)}
        unit="requestsPerSecond"
        startMs={T0}
        endMs={T0 + 59 * STEP}
        width={1000}
        height={200}
      />,
    );
    const labels = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(
      (tick) => tick.textContent ?? '',
    );
    expect(labels).toContain('150 req/s');
    const plotLeft = Number.parseFloat(container.querySelector<HTMLElement>('.chart-hover')!.style.left);
    // Wider than the fixed 64 px that wrapped `150 req/s` onto two lines.
    expect(plotLeft).toBeGreaterThanOrEqual('150 req/s'.length * 7 + 10);
  });

  it('hides a series when its legend entry is pressed, and shows it again', () => {
    const { container } = renderChart(toChartData(source(3, 60)), 60);
    const entry = screen.getByRole('button', { name: 'node-01:9100' });
    fireEvent.click(entry);
    expect(entry.getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    fireEvent.click(entry);
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(3);
  });

  it('shows the values at the pointer, highest first, with their unit, and hides them when it leaves', () => {
    const { container } = renderChart(toChartData(source(3, 60), { stepMs: STEP }), 60);
    const plot = container.querySelector<HTMLElement>('.chart-hover')!;
    // happy-dom lays nothing out: the plot's left edge is at 0, so clientX is the x in the plot.
    fireEvent.pointerMove(plot, { clientX: 0 });
    const rows = [...container.querySelectorAll('.chart-tooltip tr')].map((row) => row.textContent);
    const expected = [0, 1, 2]
      .map((s) => ({ label: `node-0${s}:9100`, value: 40 + 10 * Math.sin(s) }))
      .sort((a, b) => b.value - a.value)
      .map(({ label, value }) => `${label}${formatValue(value, 'percent')}`);
    expect(rows).toEqual(expected);
    fireEvent.pointerLeave(plot);
    expect(container.querySelector('.chart-tooltip')).toBeNull();
  });

  it('leaves hidden series out of the tooltip', () => {
    const { container } = renderChart(toChartData(source(3, 60)), 60);
    fireEvent.click(screen.getByRole('button', { name: 'node-01:9100' }));
    fireEvent.pointerMove(container.querySelector('.chart-hover')!, { clientX: 0 });
    expect(container.querySelectorAll('.chart-tooltip tr')).toHaveLength(2);
    expect(container.querySelector('.chart-tooltip')!.textContent).not.toContain('node-01');
  });

  // A simulated DOM is far slower than a browser at building 50 long SVG paths: this checks
  // that the chart draws them, not how fast.
  it('renders 50 series of 1,000 points', { timeout: 30_000 }, () => {
    const { container } = renderChart(toChartData(source(50, 1_000), { stepMs: STEP }), 1_000);
    const curves = container.querySelectorAll('.recharts-line-curve');
    expect(curves).toHaveLength(50);
    expect(curves[0]!.getAttribute('d')!.split('L')).toHaveLength(1_000);
    expect(container.querySelectorAll('.recharts-dot')).toHaveLength(0);
  });
});

describe('<TimeSeriesChart> for dashboards', () => {
  it('stacks series as areas, the axis spanning their total', () => {
    const { container } = renderChart(toChartData(source(3, 60), { stepMs: STEP }), 60, { stacked: true });
    expect(container.querySelectorAll('.recharts-area-area')).toHaveLength(3);
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(0);
    // Three series near 40 % stack to about 150 %.
    expect(Number.parseFloat(axisValues(container).at(-1)!)).toBeGreaterThanOrEqual(150);
  });

  it('keeps a value axis fixed by min and max', () => {
    const { container } = renderChart(toChartData(source(1, 60)), 60, { min: 0, max: 100 });
    expect(axisValues(container)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('zooms into the range dragged across, and not on a click', () => {
    const onZoom = vi.fn();
    const { container } = renderChart(toChartData(source(1, 60)), 60, { onZoom });
    const plot = container.querySelector<HTMLElement>('.chart-hover')!;
    // The plot is as wide as the chart less the value axis, whose width follows its labels.
    const width = Number.parseFloat(plot.style.width);
    expect(width).toBeGreaterThan(800);
    const span = 59 * STEP;

    fireEvent.pointerDown(plot, { clientX: 10, button: 0, pointerId: 1 });
    fireEvent.pointerUp(plot, { clientX: 12, pointerId: 1 });
    expect(onZoom).not.toHaveBeenCalled();

    fireEvent.pointerDown(plot, { clientX: width * 0.75, button: 0, pointerId: 1 });
    fireEvent.pointerMove(plot, { clientX: width * 0.25, pointerId: 1 });
    expect(container.querySelector('[data-testid="zoom-selection"]')).not.toBeNull();
    fireEvent.pointerUp(plot, { clientX: width * 0.25, pointerId: 1 });
    expect(onZoom).toHaveBeenCalledWith(Math.round(T0 + span * 0.25), Math.round(T0 + span * 0.75));
    expect(container.querySelector('[data-testid="zoom-selection"]')).toBeNull();
  });

  it('does not select a range without onZoom', () => {
    const { container } = renderChart(toChartData(source(1, 60)), 60);
    const plot = container.querySelector<HTMLElement>('.chart-hover')!;
    fireEvent.pointerDown(plot, { clientX: 10, button: 0 });
    fireEvent.pointerMove(plot, { clientX: 300 });
    expect(container.querySelector('[data-testid="zoom-selection"]')).toBeNull();
  });

  it('writes the tooltip time in the zone asked for', () => {
    const { container } = renderChart(toChartData(source(1, 60)), 60, { timeZone: 'UTC' });
    fireEvent.pointerMove(container.querySelector('.chart-hover')!, { clientX: 0 });
    const time = new Date(T0).toISOString().slice(11, 19);
    expect(container.querySelector('.chart-tooltip__time')!.textContent).toContain(time);
  });
});

describe('nearestRow', () => {
  const rows = [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 40 }];

  it('finds the row closest in time, at both ends and between rows', () => {
    expect(nearestRow(rows, -5)).toBe(0);
    expect(nearestRow(rows, 4)).toBe(0);
    expect(nearestRow(rows, 6)).toBe(1);
    expect(nearestRow(rows, 29)).toBe(2);
    expect(nearestRow(rows, 31)).toBe(3);
    expect(nearestRow(rows, 99)).toBe(3);
    expect(nearestRow([{ t: 5 }], 0)).toBe(0);
  });
});

describe('chartPoints', () => {
  it('asks for no more points than the plot area has pixels, in steps of 50 px', () => {
    expect(chartPoints(900)).toBeLessThanOrEqual(900 - 64);
    expect(chartPoints(900)).toBe(800);
    expect(chartPoints(910)).toBe(chartPoints(900));
    expect(chartPoints(0)).toBe(50);
  });
});
