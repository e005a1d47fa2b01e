import { memo, useMemo } from 'react';
import { Area, AreaChart, XAxis, YAxis } from 'recharts';
import type { ChartRow, SeriesKey } from './chartData.ts';
import './charts.css';

export interface SparklineProps {
  rows: readonly ChartRow[];
  dataKey: SeriesKey;
  /** A CSS colour, e.g. `var(--color-ok)`. */
  color: string;
  startMs: number;
  endMs: number;
  width: number;
  height: number;
}

const NO_MARGIN = { top: 2, right: 0, bottom: 0, left: 0 };
const Y_DOMAIN: ['dataMin', 'dataMax'] = ['dataMin', 'dataMax'];

/** The shape of one series over the range: no axes, no tooltip, no animation. The y scale fits
 * the data, so a flat 5 % still shows its wiggles. */
export const Sparkline = memo(function Sparkline({
  rows,
  dataKey,
  color,
  startMs,
  endMs,
  width,
  height,
}: SparklineProps) {
  const xDomain = useMemo((): [number, number] => [startMs, endMs], [startMs, endMs]);
  return (
    <AreaChart width={width} height={height} data={rows as ChartRow[]} margin={NO_MARGIN} accessibilityLayer={false}>
      <XAxis dataKey="t" type="number" scale="time" domain={xDomain} allowDataOverflow hide />
      <YAxis hide domain={Y_DOMAIN} />
      <Area
        dataKey={dataKey}
        type="linear"
        stroke={color}
        strokeWidth={1.5}
        fill={color}
        fillOpacity={0.14}
        dot={false}
        activeDot={false}
        connectNulls={false}
        isAnimationActive={false}
      />
    </AreaChart>
  );
});
