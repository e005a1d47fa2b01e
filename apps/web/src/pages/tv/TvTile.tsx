import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { HeadlineValue } from '@promwall/core/schemas';
import { formatValueParts } from '@promwall/core/units';
import type { CSSProperties } from 'react';
import type { MetricSeries } from '../../api/summary.ts';
import { headlineLook } from '../../components/headlineLook.ts';
import { StateWord } from './StateIcon.tsx';
import { TvSparkline } from './TvSparkline.tsx';

export interface TvTileProps {
  metric: HeadlineKey;
  /** Undefined before the first answer. */
  value: HeadlineValue | undefined;
  series: MetricSeries | undefined;
  stale: boolean;
}

/** Figures shorter than this take the same room, so a tile's font does not jump as 9.9 becomes 10. */
const MIN_FIGURE_DIGITS = 4;

/** Width of the figure in digits, the unit counted at its smaller size: the font shrinks to fit it. */
function figureWidth(number: string, unit: string): number {
  return Math.max(number.length, MIN_FIGURE_DIGITS) + (unit ? 0.3 + unit.length * 0.4 : 0);
}

/**
 * One headline figure, readable across a room: title, state as shape and word, the value, its
 * trend. A value whose sources are all down shows no figure; a firing rule and down sources are
 * named under the state.
 */
export function TvTile({ metric, value, series, stale }: TvTileProps) {
  const { title } = headlineMetrics[metric];
  const look = headlineLook(value);
  const parts = formatValueParts(
    look.showsValue ? (value?.value ?? null) : null,
    value?.unit ?? headlineMetrics[metric].unit,
  );
  const figure = { '--figure-width': figureWidth(parts.number, parts.unit) } as CSSProperties;
  const note = [look.alert?.name, look.partial ? `partial: ${look.sourcesNote}` : look.sourcesNote]
    .filter(Boolean)
    .join(' · ');
  return (
    <article
      className="tv-tile"
      data-testid="tv-tile"
      data-metric={metric}
      data-status={look.tone}
      data-reason={value?.reason}
      data-stale={stale}
    >
      <h2 className="tv-tile__title">{title}</h2>
      <div className="tv-tile__state">
        <StateWord tone={look.tone} shape={look.shape} word={look.word.toUpperCase()} />
        {note && (
          <p className="tv-tile__note" data-testid="tv-tile-note">
            {note}
          </p>
        )}
      </div>
      <p className="tv-tile__value" data-testid="tv-value" style={figure}>
        <span className="tv-tile__number">{parts.number}</span>
        {parts.unit && <span className="tv-tile__unit">{parts.unit}</span>}
      </p>
      <TvSparkline series={series} />
    </article>
  );
}
