import { useMemo } from 'react';
import type { MetricSeries } from '../../api/summary.ts';
import { sparklinePaths, type SparkPaths } from './sparklinePath.ts';

// The paths are drawn in a fixed box and stretched to the tile by the SVG, so nothing measures
// the DOM; the stroke keeps its width through `vector-effect` (see tv.css).
const WIDTH = 100;
const HEIGHT = 30;
const EMPTY: SparkPaths = { line: '', area: '' };

export interface TvSparklineProps {
  series: MetricSeries | undefined;
}

/** The last minutes of one headline metric, as a hand-drawn path: one SVG, two paths, no chart library. */
export function TvSparkline({ series }: TvSparklineProps) {
  const paths = useMemo(
    () =>
      series
        ? sparklinePaths(series.series[0]?.points ?? [], {
            width: WIDTH,
            height: HEIGHT,
            startMs: series.startMs,
            endMs: series.endMs,
            stepMs: series.stepMs,
          })
        : EMPTY,
    [series],
  );
  return (
    <svg
      className="tv-spark"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <path className="tv-spark__area" d={paths.area} />
      <path className="tv-spark__line" d={paths.line} />
    </svg>
  );
}
