import type { TimeseriesData } from '@promwall/core/dashboardSchemas';
import { formatValue } from '@promwall/core/units';
import { useMemo } from 'react';
import { clockMinutes } from '../../../time/clock.ts';
import { sparklinePaths } from '../sparklinePath.ts';
import { wallBounds, wallSeries } from './wallSeries.ts';

/** A wall's charts are read from across a room: this many points are more than an eye tells apart. */
export const WALL_POINTS = 300;

// Drawn in a fixed box and stretched by the SVG, like the wall's sparklines: nothing measures the DOM.
const WIDTH = 1000;
const HEIGHT = 300;
/** Series named in the legend; a wall has no room to scroll one. */
const LEGEND_ENTRIES = 6;
/** Series drawn: more than a room can tell apart is noise. */
const DRAWN = 12;

export interface WallChartProps {
  title: string;
  data: TimeseriesData | undefined;
  min?: number | undefined;
  max?: number | undefined;
  stacked: boolean;
  stale: boolean;
}

/** A time-series panel readable from across a room: thick lines, large type, the latest value of each series. */
export function WallChart({ title, data, min, max, stacked, stale }: WallChartProps) {
  const drawn = useMemo(() => {
    if (!data) return undefined;
    const series = wallSeries(data, stacked).slice(0, DRAWN);
    const bounds = wallBounds(series, { min, max });
    const box = { width: WIDTH, height: HEIGHT, startMs: Date.parse(data.start), endMs: Date.parse(data.end), bounds };
    return { series, bounds, box, paths: series.map((one) => sparklinePaths(one.points, box)) };
  }, [data, stacked, min, max]);
  const unit = data?.unit ?? 'count';
  return (
    <section className="tv-wall-chart" data-testid="wall-chart" data-stale={stale}>
      <h2 className="tv-wall-chart__title">{title}</h2>
      <div className="tv-wall-chart__plot">
        <p className="tv-wall-chart__max">{drawn?.bounds ? formatValue(drawn.bounds.max, unit) : ''}</p>
        <svg
          className="tv-wall-chart__svg"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          {drawn?.paths.map((paths, i) => (
            <g key={i} className="tv-spark" style={{ color: `var(--tv-series-${(i % 8) + 1})` }}>
              {stacked && <path className="tv-spark__area" d={paths.area} />}
              <path className="tv-spark__line" d={paths.line} />
            </g>
          ))}
        </svg>
        <p className="tv-wall-chart__min">{drawn?.bounds ? formatValue(drawn.bounds.min, unit) : ''}</p>
      </div>
      <footer className="tv-wall-chart__axis">
        <span>{drawn ? clockMinutes(drawn.box.startMs) : ''}</span>
        {drawn && drawn.series.length > 0 && (
          <ul className="tv-wall-legend">
            {drawn.series.slice(0, LEGEND_ENTRIES).map((series, i) => (
              <li key={i} style={{ color: `var(--tv-series-${(i % 8) + 1})` }}>
                <span className="tv-wall-legend__name">{series.name}</span>{' '}
                <strong>{formatValue(series.last, unit)}</strong>
              </li>
            ))}
            {drawn.series.length > LEGEND_ENTRIES && <li>+{drawn.series.length - LEGEND_ENTRIES}</li>}
          </ul>
        )}
        <span>{drawn ? clockMinutes(drawn.box.endMs) : ''}</span>
      </footer>
    </section>
  );
}
