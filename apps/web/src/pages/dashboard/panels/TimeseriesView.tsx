import type { TimeseriesData } from '@promwall/core/dashboardSchemas';
import { memo, useMemo } from 'react';
import { msPoints } from '../../../api/timePoints.ts';
import { toChartData } from '../../../components/charts/chartData.ts';
import { TimeSeriesChart } from '../../../components/charts/TimeSeriesChart.tsx';

export interface TimeseriesViewProps {
  data: TimeseriesData;
  width: number;
  height: number;
  min?: number | undefined;
  max?: number | undefined;
  stacked: boolean;
  timeZone?: string | undefined;
  onZoom?: ((startMs: number, endMs: number) => void) | undefined;
}

/** A time-series panel: its series by the names the API gave them, gaps as gaps. Memoised
 * against the panel's once-a-second "updated N s ago". */
export const TimeseriesView = memo(function TimeseriesView({ data, ...chart }: TimeseriesViewProps) {
  const chartData = useMemo(
    () =>
      toChartData(
        // The API's name (the legend template) is the label the chart shows and sorts by.
        data.series.map((series) => ({ labels: { name: series.name }, points: msPoints(series.points) })),
        { stepMs: data.stepSeconds * 1000 },
      ),
    [data],
  );
  return (
    <>
      <TimeSeriesChart
        data={chartData}
        unit={data.unit}
        startMs={Date.parse(data.start)}
        endMs={Date.parse(data.end)}
        {...chart}
      />
      {data.truncated && <p className="panel-note">Only the first {data.series.length} series are drawn.</p>}
    </>
  );
});
