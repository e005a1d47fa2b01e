import { formatDuration } from '@promwall/core/duration';
import { headlineMetrics } from '@promwall/core/headline';
import { finestResolution } from '@promwall/core/history';
import type { HistoryInfo, HistorySeries } from '@promwall/core/schemas';
import { formatValue } from '@promwall/core/units';
import { useQuery } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import { historyExportUrl, historyRefreshMs, historySeriesQuery } from '../../api/history.ts';
import { PanelState } from '../../components/PanelState.tsx';
import { toChartData } from '../../components/charts/chartData.ts';
import { chartPoints, TimeSeriesChart } from '../../components/charts/TimeSeriesChart.tsx';
import { useElementWidth } from '../../components/charts/useElementWidth.ts';
import { PRESET_MS, type HistoryState } from '../../url/historyState.ts';
import { seriesStats } from './seriesStats.ts';

const CHART_HEIGHT = 420;
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export interface HistoryChartPanelProps {
  info: HistoryInfo;
  state: HistoryState;
}

/** The chosen metric over the chosen range, at the finest resolution the chart can show, and
 * the range's rows to download. */
export function HistoryChartPanel({ info, state }: HistoryChartPanelProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const intervalMs = info.intervalSeconds * 1000;
  const { metric, instance, range } = state;
  const lengthMs = range.kind === 'preset' ? PRESET_MS[range.preset] : range.toMs - range.fromMs;
  // One point per pixel at most: the resolution follows from the range's length and the width.
  const resolution =
    state.resolution === 'auto' ? finestResolution(0, lengthMs, intervalMs, chartPoints(width)) : state.resolution;
  const query = useQuery({
    ...historySeriesQuery({ metric, instance, range, resolution }, intervalMs),
    // Until the panel is laid out its width, and so the resolution, is unknown.
    enabled: width > 0,
  });
  const refreshMs = historyRefreshMs(range, intervalMs);
  const title = `${headlineMetrics[metric].title} · ${instance ?? 'all instances'}`;

  return (
    <section className="panel history-chart" data-testid="history-chart" aria-label={title}>
      <div className="history-chart__header">
        <h2 className="panel__title">{title}</h2>
        {/* The rows of the range the chart shows, as the API answered it. */}
        {query.data && (
          <div className="history-chart__downloads">
            <a className="button" href={historyExportUrl(query.data, metric)} download>
              Download CSV
            </a>
            <a className="button button--quiet" href={historyExportUrl(query.data, undefined)} download>
              CSV of all metrics
            </a>
          </div>
        )}
      </div>
      <div ref={ref} className="history-chart__body">
        <PanelState
          query={query}
          refreshMs={refreshMs}
          isEmpty={(data: HistorySeries) => data.points.length === 0}
          emptyText="Nothing recorded"
          emptyMessage={
            info.first
              ? `History holds rounds from ${day.format(Date.parse(info.first))} on, none for this figure in this range.`
              : `Nothing is recorded yet: the first round comes within ${formatDuration(intervalMs)}.`
          }
        >
          {(data) => <HistoryFigures data={data} width={width} info={info} />}
        </PanelState>
      </div>
    </section>
  );
}

/** Memoised: React Query keeps `data` the same object while the answer does not change. */
const HistoryFigures = memo(function HistoryFigures({
  data,
  width,
  info,
}: {
  data: HistorySeries;
  width: number;
  info: HistoryInfo;
}) {
  const chartData = useMemo(
    () =>
      toChartData(
        [
          {
            labels: data.instance === null ? {} : { instance: data.instance },
            points: data.points.map(({ timestamp, value }) => [Date.parse(timestamp), value] as const),
          },
        ],
        { stepMs: data.stepSeconds * 1000, unlabelled: headlineMetrics[data.metric].title },
      ),
    [data],
  );
  const stats = useMemo(() => seriesStats(data.points), [data.points]);
  const step = formatDuration(data.stepSeconds * 1000);
  return (
    <>
      <TimeSeriesChart
        data={chartData}
        unit={data.unit}
        startMs={Date.parse(data.from)}
        endMs={Date.parse(data.to)}
        width={width}
        height={CHART_HEIGHT}
      />
      <div className="history-chart__facts">
        {stats && (
          <dl className="history-chart__stats" data-testid="history-stats">
            {(['min', 'mean', 'max'] as const).map((name) => (
              <div key={name}>
                <dt>{name === 'mean' ? 'Mean' : name === 'min' ? 'Lowest' : 'Highest'}</dt>
                <dd>{formatValue(stats[name], data.unit)}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="history-chart__caption" data-testid="history-caption">
          {data.resolution === 'raw' ? `Every round (${step} apart)` : `Means over ${step}`} ·{' '}
          {integer.format(data.points.length)} {data.points.length === 1 ? 'point' : 'points'} · recorded every{' '}
          {formatDuration(info.intervalSeconds * 1000)}
          {info.first
            ? `, kept ${integer.format(info.retentionDays)} days, since ${day.format(Date.parse(info.first))}`
            : ''}
        </p>
      </div>
    </>
  );
});
