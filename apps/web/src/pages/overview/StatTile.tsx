import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { HeadlineValue, Status, Summary } from '@promwall/core/schemas';
import { formatValueParts } from '@promwall/core/units';
import { PanelState, type PanelStateProps } from '../../components/PanelState.tsx';
import type { TimeRange } from '../../url/timeRange.ts';
import { TileSparkline } from './TileSparkline.tsx';

/** A state is told by its shape and word as well as its colour. */
const BADGES: Record<Status, { icon: string; word: string }> = {
  ok: { icon: '●', word: 'OK' },
  warning: { icon: '▲', word: 'Warning' },
  critical: { icon: '■', word: 'Critical' },
  unknown: { icon: '?', word: 'Unknown' },
};

function badgeFor(metric: HeadlineValue): { icon: string; word: string } {
  if (metric.error) return { icon: '!', word: 'Failed' };
  if (metric.value === null) return { icon: '?', word: 'No data' };
  return BADGES[metric.status];
}

export interface StatTileProps {
  metricKey: HeadlineKey;
  summary: PanelStateProps<Summary>['query'];
  range: TimeRange;
  refreshMs: number;
}

/** One headline figure: its value and unit, its threshold state, and its recent shape. */
export function StatTile({ metricKey, summary, range, refreshMs }: StatTileProps) {
  const { title } = headlineMetrics[metricKey];
  const status = summary.data?.metrics[metricKey].status ?? 'unknown';
  return (
    <article
      className={`panel stat-tile stat-tile--${status}`}
      data-testid={`stat-tile-${metricKey}`}
      data-status={status}
      aria-label={title}
    >
      <h2 className="stat-tile__title" title={summary.data?.metrics[metricKey].query}>
        {title}
      </h2>
      <PanelState
        query={summary}
        refreshMs={refreshMs}
        markedStale={(data) => data.stale}
        updatedAt={(data) => (data.lastSuccessAt ? Date.parse(data.lastSuccessAt) : Number.POSITIVE_INFINITY)}
      >
        {(data) => (
          <>
            <StatValue metric={data.metrics[metricKey]} />
            <TileSparkline
              metricKey={metricKey}
              status={data.metrics[metricKey].status}
              range={range}
              refreshMs={refreshMs}
            />
          </>
        )}
      </PanelState>
    </article>
  );
}

export interface StatValueProps {
  metric: HeadlineValue;
}

/** The figure with its unit, or the metric's own error in its place: never a made-up 0. */
export function StatValue({ metric }: StatValueProps) {
  const badge = badgeFor(metric);
  const { number, unit } = formatValueParts(metric.value, metric.unit);
  return (
    <div className="stat-tile__row">
      {metric.error ? (
        <p className="stat-tile__error" role="alert" title={metric.error.message}>
          {metric.error.message}
        </p>
      ) : (
        <p className="stat-tile__value">
          <span className="stat-tile__number">{number}</span>
          {unit && <span className="stat-tile__unit">{unit}</span>}
        </p>
      )}
      <p className="stat-tile__badge">
        <span className="stat-tile__icon" aria-hidden="true">
          {badge.icon}
        </span>
        {badge.word}
      </p>
    </div>
  );
}
