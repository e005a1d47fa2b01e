import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { HeadlineValue, Summary } from '@promwall/core/schemas';
import { formatValue, formatValueParts } from '@promwall/core/units';
import { Link } from 'react-router';
import { headlineLook, type StateShape } from '../../components/headlineLook.ts';
import { PanelState, type PanelStateProps } from '../../components/PanelState.tsx';
import type { TimeRange } from '../../url/timeRange.ts';
import { TileSparkline } from './TileSparkline.tsx';

/** A state is told by its shape and word as well as its colour. */
const ICONS: Record<StateShape, string> = {
  ok: '●',
  warning: '▲',
  critical: '■',
  unknown: '?',
  info: 'i',
  'source-down': '⊘',
};

/** What the tile's title tells on hover: the PromQL and the thresholds it is judged by. */
function titleText({ query, thresholds, unit }: HeadlineValue): string {
  return `${query}\nWarning at ${formatValue(thresholds.warning, unit)}, critical at ${formatValue(thresholds.critical, unit)}`;
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
  const value = summary.data?.metrics[metricKey];
  const status = value?.status ?? 'unknown';
  return (
    <article
      className={`panel stat-tile stat-tile--${status}`}
      data-testid={`stat-tile-${metricKey}`}
      data-status={status}
      data-reason={value?.reason}
      aria-label={title}
    >
      <h2 className="stat-tile__title" title={value && titleText(value)}>
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

/** The figure with its unit, or the metric's own error in its place: never a made-up 0, nor a
 * figure whose sources are all down. A linked rule that fires is named, with a link to it. */
export function StatValue({ metric }: StatValueProps) {
  const look = headlineLook(metric);
  const { number, unit } = formatValueParts(look.showsValue ? metric.value : null, metric.unit);
  return (
    <>
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
        <p className="stat-tile__badge" data-shape={look.shape}>
          <span className="stat-tile__icon" aria-hidden="true">
            {ICONS[look.shape]}
          </span>
          {look.word}
        </p>
      </div>
      {(look.alert || look.sourcesNote) && (
        <p className="stat-tile__notes">
          {look.alert && (
            <Link
              className="stat-tile__alert"
              to={`/alerts?q=${encodeURIComponent(look.alert.name)}`}
              title={look.alert.summary ?? undefined}
              data-testid="stat-tile-alert"
            >
              {look.alert.name}
            </Link>
          )}
          {look.sourcesNote && (
            <span className="stat-tile__sources" data-partial={look.partial}>
              {look.partial && (
                <span className="stat-tile__icon" aria-hidden="true">
                  ◐{' '}
                </span>
              )}
              {look.partial ? `Partial: ${look.sourcesNote}` : look.sourcesNote}
            </span>
          )}
        </p>
      )}
    </>
  );
}
