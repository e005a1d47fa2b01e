import { formatValue, type Unit } from '@promwall/core/units';
import { memo, useCallback, useMemo, useState } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { chartConfig } from './chartConfig.ts';
import type { ChartData } from './chartData.ts';
import { ChartHover, type PlotArea } from './ChartHover.tsx';
import { ChartLegend } from './ChartLegend.tsx';
import { formatTimeTick, timeTicks } from './timeAxis.ts';
import { stackedRange, valueAxis, valueAxisWidth, valueRange } from './valueAxis.ts';
import './charts.css';

/** The value axis's usual width, for the point count before its labels are known. */
const Y_AXIS_WIDTH = 64;
const X_AXIS_HEIGHT = 24;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
/** Roughly one time label per this many pixels. */
const PX_PER_TICK = 90;
/** Widths are rounded down to this, so resizing a window asks for a new series every 50 px,
 * not every pixel. */
const WIDTH_BUCKET = 50;

/** How many points a chart `containerWidth` pixels wide can show: at most one per pixel of its
 * plot area. Pass it to the series query. */
export function chartPoints(containerWidth: number): number {
  const plot = containerWidth - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right;
  return Math.max(WIDTH_BUCKET, Math.floor(plot / WIDTH_BUCKET) * WIDTH_BUCKET);
}

// Props recharts compares by reference live outside the component, so a re-render with the
// same data changes nothing in the chart's store and redraws nothing.
const AXIS_TICK = { fill: 'var(--color-text-muted)', fontSize: 11 };
const X_AXIS_LINE = { stroke: 'var(--color-border)' };

export interface TimeSeriesChartProps {
  data: ChartData;
  unit: Unit;
  /** The time range shown, in ms: the axis spans it even where there are no samples. */
  startMs: number;
  endMs: number;
  width: number;
  height: number;
  /** An IANA zone or UTC for the time axis and tooltip; the browser's when absent. */
  timeZone?: string | undefined;
  /** Fixed ends of the value axis; from the data when absent. */
  min?: number | undefined;
  max?: number | undefined;
  /** Series stacked as areas, each on the ones before it. */
  stacked?: boolean | undefined;
  /** Dragging across the plot zooms into the range it covers. */
  onZoom?: ((startMs: number, endMs: number) => void) | undefined;
}

/**
 * A line per series in the neutral shape, for live data: no animation, no dots, gaps where
 * samples are missing, units on the axis and in the tooltip (drawn by ChartHover, over the
 * chart), a legend that hides series. Memoised: panels around it re-render every second for
 * their "updated N s ago".
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  data,
  unit,
  startMs,
  endMs,
  width,
  height,
  timeZone,
  min,
  max,
  stacked = false,
  onZoom,
}: TimeSeriesChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const config = useMemo(() => chartConfig(data.series), [data.series]);
  const { ticks, intervalMs } = useMemo(
    () => timeTicks(startMs, endMs, Math.max(2, Math.floor((width - Y_AXIS_WIDTH) / PX_PER_TICK)), timeZone),
    [startMs, endMs, width, timeZone],
  );
  const formatTick = useCallback(
    (ms: number) => formatTimeTick(ms, intervalMs, endMs - startMs, timeZone),
    [intervalMs, startMs, endMs, timeZone],
  );
  const formatAxisValue = useCallback((value: number) => formatValue(value, unit), [unit]);
  // The value axis spans the shown series only, so hiding a tall one rescales to the others.
  const yAxis = useMemo(() => {
    const shown = data.series.filter(({ label }) => !hidden.has(label));
    const [low, high] = (stacked ? stackedRange : valueRange)(data.rows, shown);
    return valueAxis(min ?? low, max ?? high);
  }, [data, hidden, stacked, min, max]);
  const yAxisWidth = useMemo(() => valueAxisWidth(yAxis.ticks.map(formatAxisValue)), [yAxis, formatAxisValue]);
  const xDomain = useMemo((): [number, number] => [startMs, endMs], [startMs, endMs]);
  const plot = useMemo((): PlotArea => {
    const left = MARGIN.left + yAxisWidth;
    return {
      left,
      top: MARGIN.top,
      width: width - left - MARGIN.right,
      height: height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT,
    };
  }, [width, height, yAxisWidth]);

  const toggle = useCallback((label: string) => {
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(label)) next.add(label);
      return next;
    });
  }, []);

  const lines = useMemo(
    () =>
      data.series.map(({ key, label }) =>
        stacked ? (
          <Area
            key={key}
            dataKey={key}
            type="linear"
            stackId="stack"
            stroke={config[key]?.color}
            fill={config[key]?.color}
            fillOpacity={0.35}
            strokeWidth={1}
            dot={false}
            activeDot={false}
            connectNulls={false}
            hide={hidden.has(label)}
            isAnimationActive={false}
          />
        ) : (
          <Line
            key={key}
            dataKey={key}
            type="linear"
            stroke={config[key]?.color}
            strokeWidth={1.5}
            dot={false}
            activeDot={false}
            connectNulls={false}
            hide={hidden.has(label)}
            isAnimationActive={false}
          />
        ),
      ),
    [data.series, config, hidden, stacked],
  );
  const Chart = stacked ? AreaChart : LineChart;

  return (
    <div className="ts-chart">
      <div className="ts-chart__plot" style={{ width, height }}>
        <Chart width={width} height={height} data={data.rows} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={xDomain}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={formatTick}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={X_AXIS_LINE}
            minTickGap={8}
            height={X_AXIS_HEIGHT}
          />
          <YAxis
            width={yAxisWidth}
            domain={yAxis.domain}
            ticks={yAxis.ticks}
            allowDataOverflow
            tickFormatter={formatAxisValue}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
          />
          {lines}
        </Chart>
        <ChartHover
          rows={data.rows}
          series={data.series}
          config={config}
          hidden={hidden}
          unit={unit}
          plot={plot}
          startMs={startMs}
          endMs={endMs}
          timeZone={timeZone}
          onZoom={onZoom}
        />
      </div>
      {data.series.length > 1 && <ChartLegend series={data.series} config={config} hidden={hidden} onToggle={toggle} />}
    </div>
  );
});
