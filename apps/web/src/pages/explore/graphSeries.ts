import type { SourceSeries } from '../../components/charts/chartData.ts';
import { parseSampleValue, type Labels, type RangeSeries } from '../../api/prometheus.ts';
import { formatSeries } from './seriesFormat.ts';

/** The graph draws at most this many series; more is noise, and slow. */
export const GRAPH_SERIES_LIMIT = 100;

export interface GraphSeries {
  series: SourceSeries[];
  /** The labels every drawn series shares, left out of each series' name. */
  common: Labels;
  /** How many series the result has, before the cap. */
  total: number;
}

/** The labels with one same value in every series; none when there is only one series. */
function commonLabels(metrics: readonly Labels[]): Labels {
  const [first, ...rest] = metrics;
  if (!first || rest.length === 0) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([name, value]) => rest.every((metric) => metric[name] === value)),
  );
}

function without(metric: Labels, common: Labels): Labels {
  return Object.fromEntries(Object.entries(metric).filter(([name]) => !(name in common)));
}

/**
 * A range result in the charts' neutral shape: ms timestamps, numbers, NaN and ±Inf as gaps.
 * Each series is named as PromQL writes it, without the labels all series share, so the legend
 * shows what tells them apart (one label named `series` makes the chart use it as it is).
 */
export function graphSeries(result: readonly RangeSeries[], limit = GRAPH_SERIES_LIMIT): GraphSeries {
  const drawn = result.slice(0, limit);
  const common = commonLabels(drawn.map(({ metric }) => metric));
  return {
    series: drawn.map(({ metric, values = [] }) => ({
      labels: { series: formatSeries(without(metric, common)) },
      points: values.map(([seconds, text]) => {
        const value = parseSampleValue(text);
        return [Math.round(seconds * 1000), Number.isFinite(value) ? value : null] as const;
      }),
    })),
    common,
    total: result.length,
  };
}
