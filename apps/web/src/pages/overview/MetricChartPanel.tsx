import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { useQuery } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import { seriesQuery, type MetricSeries } from '../../api/summary.ts';
import { PanelState } from '../../components/PanelState.tsx';
import { toChartData } from '../../components/charts/chartData.ts';
import { chartPoints, TimeSeriesChart } from '../../components/charts/TimeSeriesChart.tsx';
import { useElementWidth } from '../../components/charts/useElementWidth.ts';
import type { TimeRange } from '../../url/timeRange.ts';
import { NO_FILTERS } from './filters.ts';

const CHART_HEIGHT = 176;

export interface MetricChartPanelProps {
  metric: HeadlineKey;
  title: string;
  byInstance: boolean;
  range: TimeRange;
  refreshMs: number;
  className?: string;
}

const hasNoSamples = (data: MetricSeries) =>
  data.series.every((series) => series.points.every(([, value]) => value === null));

/** A headline metric over the page's range, fetched at the resolution the panel can show. */
export function MetricChartPanel({
  metric,
  title,
  byInstance,
  range,
  refreshMs,
  className = '',
}: MetricChartPanelProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const query = useQuery({
    ...seriesQuery({ metric, range, points: chartPoints(width), byInstance, filters: NO_FILTERS }, { refreshMs }),
    // Until the panel is laid out its width, and so the right point count, is unknown.
    enabled: width > 0,
  });

  return (
    <section className={`panel chart-panel ${className}`} data-testid={`chart-${metric}`} aria-label={title}>
      <h2 className="panel__title chart-panel__title">{title}</h2>
      <div ref={ref} className="chart-panel__body">
        <PanelState query={query} refreshMs={refreshMs} isEmpty={hasNoSamples}>
          {(data) => <SeriesChart data={data} width={width} />}
        </PanelState>
      </div>
    </section>
  );
}

// Memoised so the panel's once-a-second "updated N s ago" tick leaves the chart alone; React
// Query keeps `data` the same object while the answer does not change.
const SeriesChart = memo(function SeriesChart({ data, width }: { data: MetricSeries; width: number }) {
  const chartData = useMemo(
    () => toChartData(data.series, { stepMs: data.stepMs, unlabelled: headlineMetrics[data.metric].title }),
    [data],
  );
  return (
    <TimeSeriesChart
      data={chartData}
      unit={data.unit}
      startMs={data.startMs}
      endMs={data.endMs}
      width={width}
      height={CHART_HEIGHT}
    />
  );
});
