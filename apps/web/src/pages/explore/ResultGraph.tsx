import { memo, useMemo } from 'react';
import { toChartData } from '../../components/charts/chartData.ts';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart.tsx';
import type { RangeAnswer } from '../../api/prometheus.ts';
import { graphSeries } from './graphSeries.ts';
import { SeriesName } from './SeriesName.tsx';

export interface ResultGraphProps {
  answer: RangeAnswer;
  width: number;
  height: number;
}

const count = new Intl.NumberFormat('en-US');

/** The range result as lines, capped in series. Explore knows no units: values are counts. */
export const ResultGraph = memo(function ResultGraph({ answer, width, height }: ResultGraphProps) {
  const { series, common, total } = useMemo(() => graphSeries(answer.series), [answer.series]);
  const data = useMemo(() => toChartData(series, { stepMs: answer.stepMs }), [series, answer.stepMs]);
  return (
    <div className="explore-graph" data-testid="explore-graph">
      {series.length < total && (
        <p className="explore-note" role="status">
          Drawing the first {count.format(series.length)} of {count.format(total)} series. Aggregate the query (sum,
          topk) to see them all.
        </p>
      )}
      {Object.keys(common).length > 0 && (
        <p className="explore-graph__common">
          <span className="explore-graph__common-label">All series:</span> <SeriesName metric={common} />
        </p>
      )}
      <TimeSeriesChart
        data={data}
        unit="count"
        startMs={answer.startMs}
        endMs={answer.endMs}
        width={width}
        height={height}
      />
    </div>
  );
});
