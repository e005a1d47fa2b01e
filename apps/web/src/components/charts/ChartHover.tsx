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
  timeZone?: string | undefined;
  /** Dragging across the plot picks a range and hands it here; no dragging without it. */
  onZoom?: ((startMs: number, endMs: number) => void) | undefined;
}

/** A drag shorter than this is a click, not a range. */
const MIN_DRAG_PX = 5;

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
 * With `onZoom`, dragging across the plot selects a range to zoom into.
 */
export function ChartHover({
  rows,
  series,
  config,
  hidden,
  unit,
  plot,
  startMs,
  endMs,
  timeZone,
  onZoom,
}: ChartHoverProps) {
  const [index, setIndex] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const span = endMs - startMs;
  const xOf = (t: number) => ((t - startMs) / span) * plot.width;
  const timeAt = (x: number) => startMs + (Math.min(plot.width, Math.max(0, x)) / plot.width) * span;
  const xIn = (event: PointerEvent<HTMLDivElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (span <= 0) return;
    const x = xIn(event);
    if (drag) setDrag({ ...drag, to: x });
    if (rows.length > 0) setIndex(nearestRow(rows, timeAt(x)));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!onZoom || event.button !== 0 || span <= 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const x = xIn(event);
    setDrag({ from: x, to: x });
  };

  const onPointerUp = () => {
    if (!drag || !onZoom) return;
    setDrag(null);
    if (Math.abs(drag.to - drag.from) < MIN_DRAG_PX) return;
    onZoom(Math.round(timeAt(Math.min(drag.from, drag.to))), Math.round(timeAt(Math.max(drag.from, drag.to))));
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
      onPointerDown={onPointerDown}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onPointerLeave={() => {
        if (!drag) setIndex(null);
      }}
      onBlur={() => setIndex(null)}
      onKeyDown={onKeyDown}
      data-zoomable={onZoom ? 'true' : undefined}
    >
      {drag && Math.abs(drag.to - drag.from) >= MIN_DRAG_PX && (
        <div
          className="chart-hover__selection"
          data-testid="zoom-selection"
          style={{
            left: Math.max(0, Math.min(drag.from, drag.to)),
            width: Math.min(plot.width, Math.max(drag.from, drag.to)) - Math.max(0, Math.min(drag.from, drag.to)),
          }}
        />
      )}
      {row && (
        <>
          <div className="chart-hover__cursor" style={{ transform: `translateX(${x}px)` }} />
          <div
            className="chart-hover__tooltip"
            style={flip ? { right: plot.width - x + TOOLTIP_OFFSET } : { left: x + TOOLTIP_OFFSET }}
          >
            <ChartTooltip row={row} series={series} config={config} hidden={hidden} unit={unit} timeZone={timeZone} />
          </div>
        </>
      )}
    </div>
  );
}
