import type { Unit } from '@promwall/core/units';
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ChartConfig } from './chartConfig.ts';
import type { ChartRow, ChartSeries } from './chartData.ts';
import { ChartTooltip } from './ChartTooltip.tsx';

/** The plot area inside the chart, in px from the chart's top left. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ChartHoverProps {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  config: ChartConfig;
  hidden: ReadonlySet<string>;
  unit: Unit;
  plot: PlotArea;
  startMs: number;
  endMs: number;
}

/** The index of the row nearest to `t`; rows are in time order. */
export function nearestRow(rows: readonly ChartRow[], t: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.t <= t) low = middle;
    else high = middle;
  }
  return Math.abs(rows[high]!.t - t) < Math.abs(rows[low]!.t - t) ? high : low;
}

const TOOLTIP_OFFSET = 14;

/**
 * The cursor line and tooltip, drawn over the chart rather than by it: moving the pointer then
 * costs a binary search and one small tooltip, and never redraws the lines, which keeps hover
 * smooth with 50 series of 1,000 points. Arrow keys move the cursor when the plot has focus.
 */
export function ChartHover({ rows, series, config, hidden, unit, plot, startMs, endMs }: ChartHoverProps) {
  const [index, setIndex] = useState<number | null>(null);
  const span = endMs - startMs;
  const xOf = (t: number) => ((t - startMs) / span) * plot.width;

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (rows.length === 0 || span <= 0) return;
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
    setIndex(nearestRow(rows, startMs + (x / plot.width) * span));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      setIndex((current) => Math.min(rows.length - 1, Math.max(0, (current ?? (step > 0 ? -1 : rows.length)) + step)));
    } else if (event.key === 'Escape') {
      setIndex(null);
    }
  };

  const row = index === null ? undefined : rows[index];
  const x = row ? xOf(row.t) : 0;
  const flip = x > plot.width / 2;

  return (
    <div
      className="chart-hover"
      style={{ left: plot.left, top: plot.top, width: plot.width, height: plot.height }}
      tabIndex={0}
      role="group"
      aria-label="Chart; use the arrow keys to read values"
      onPointerMove={onPointerMove}
      onPointerLeave={() => setIndex(null)}
      onBlur={() => setIndex(null)}
      onKeyDown={onKeyDown}
    >
      {row && (
        <>
          <div className="chart-hover__cursor" style={{ transform: `translateX(${x}px)` }} />
          <div
            className="chart-hover__tooltip"
            style={flip ? { right: plot.width - x + TOOLTIP_OFFSET } : { left: x + TOOLTIP_OFFSET }}
          >
            <ChartTooltip row={row} series={series} config={config} hidden={hidden} unit={unit} />
          </div>
        </>
      )}
    </div>
  );
}
