import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { Status } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { memo, useMemo, type ReactNode } from 'react';
import { seriesQuery, type MetricSeries } from '../../api/summary.ts';
import { toChartData } from '../../components/charts/chartData.ts';
import { Sparkline } from '../../components/charts/Sparkline.tsx';
import { useElementWidth } from '../../components/charts/useElementWidth.ts';
import type { TimeRange } from '../../url/timeRange.ts';
import { NO_FILTERS } from './filters.ts';

/** A fixed count keeps one cache entry per metric and range whatever the tile's width: 120
 * points are enough for a shape, and fewer than the tile has pixels. */
const SPARKLINE_POINTS = 120;
const SPARKLINE_HEIGHT = 36;

export interface TileSparklineProps {
  metricKey: HeadlineKey;
  status: Status;
  range: TimeRange;
  refreshMs: number;
}

/** The tile's history line. Its own states stay small: the tile's figure is what matters.
 * Memoised against the tile's once-a-second re-render. */
export const TileSparkline = memo(function TileSparkline({ metricKey, status, range, refreshMs }: TileSparklineProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const query = useQuery(
    seriesQuery(
      { metric: metricKey, range, points: SPARKLINE_POINTS, byInstance: false, filters: NO_FILTERS },
      { refreshMs },
    ),
  );

  let content: ReactNode = null;
  if (query.data) {
    content = width > 0 && <SparklineOf series={query.data} status={status} width={width} />;
  } else if (query.error) {
    content = (
      <p className="tile-sparkline__note" title={query.error.message}>
        History unavailable
      </p>
    );
  }

  return (
    <div
      ref={ref}
      className="tile-sparkline"
      style={{ height: SPARKLINE_HEIGHT }}
      data-testid={`sparkline-${metricKey}`}
    >
      {content}
    </div>
  );
});

function SparklineOf({ series, status, width }: { series: MetricSeries; status: Status; width: number }) {
  const data = useMemo(
    () =>
      toChartData(series.series, {
        stepMs: series.stepMs,
        unlabelled: headlineMetrics[series.metric].title,
      }),
    [series],
  );
  const first = data.series[0];
  if (!first || data.rows.length === 0) return <p className="tile-sparkline__note">No history in this range</p>;
  return (
    <Sparkline
      rows={data.rows}
      dataKey={first.key}
      color={`var(--color-${status})`}
      startMs={series.startMs}
      endMs={series.endMs}
      width={width}
      height={SPARKLINE_HEIGHT}
    />
  );
}
