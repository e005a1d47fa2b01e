import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { HeadlineSeries, HeadlineValue } from '@promwall/core/schemas';
import { formatValueParts } from '@promwall/core/units';
import type { CSSProperties } from 'react';
import type { StateTone } from '../../components/tone.ts';
import { StateWord } from './StateIcon.tsx';
import { TvSparkline } from './TvSparkline.tsx';

export interface TvTileProps {
  metric: HeadlineKey;
  /** Undefined before the first answer. */
  value: HeadlineValue | undefined;
  series: HeadlineSeries | undefined;
  stale: boolean;
}

function tileState(value: HeadlineValue | undefined): { tone: StateTone; word: string } {
  if (!value) return { tone: 'unknown', word: 'WAITING' };
  if (value.error) return { tone: 'unknown', word: 'QUERY ERROR' };
  if (value.value === null) return { tone: 'unknown', word: 'NO DATA' };
  if (value.status === 'unknown') return { tone: 'unknown', word: 'UNKNOWN' };
  return { tone: value.status, word: value.status.toUpperCase() };
}

/** Figures shorter than this take the same room, so a tile's font does not jump as 9.9 becomes 10. */
const MIN_FIGURE_DIGITS = 4;

/** Width of the figure in digits, the unit counted at its smaller size: the font shrinks to fit it. */
function figureWidth(number: string, unit: string): number {
  return Math.max(number.length, MIN_FIGURE_DIGITS) + (unit ? 0.3 + unit.length * 0.4 : 0);
}

/** One headline figure, readable across a room: title, state as shape and word, the value, its trend. */
export function TvTile({ metric, value, series, stale }: TvTileProps) {
  const { title } = headlineMetrics[metric];
  const { tone, word } = tileState(value);
  const parts = formatValueParts(value?.value ?? null, value?.unit ?? headlineMetrics[metric].unit);
  const figure = { '--figure-width': figureWidth(parts.number, parts.unit) } as CSSProperties;
  return (
    <article className="tv-tile" data-testid="tv-tile" data-metric={metric} data-status={tone} data-stale={stale}>
      <h2 className="tv-tile__title">{title}</h2>
      <StateWord tone={tone} word={word} />
      <p className="tv-tile__value" data-testid="tv-value" style={figure}>
        <span className="tv-tile__number">{parts.number}</span>
        {parts.unit && <span className="tv-tile__unit">{parts.unit}</span>}
      </p>
      <TvSparkline series={series} />
    </article>
  );
}
