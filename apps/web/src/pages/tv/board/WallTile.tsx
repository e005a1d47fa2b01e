import type { StatData } from '@promwall/core/dashboardSchemas';
import { formatValueParts } from '@promwall/core/units';
import { useMemo, type CSSProperties } from 'react';
import { msPoints } from '../../../api/timePoints.ts';
import { statTone } from '../../../components/boards/statTone.ts';
import { sparklinePaths } from '../sparklinePath.ts';
import type { StateTone } from '../../../components/tone.ts';
import { StateWord } from '../StateIcon.tsx';

const WIDTH = 100;
const HEIGHT = 30;
const MIN_FIGURE_DIGITS = 4;

function tileState(data: StatData | undefined): { tone: StateTone; word: string } {
  if (!data) return { tone: 'unknown', word: 'WAITING' };
  const firing = data.alertRules.find((rule) => rule.state === 'firing');
  if (firing) return { tone: 'critical', word: `${firing.name} FIRING` };
  if (data.value === null) return { tone: 'unknown', word: 'NO DATA' };
  const tone = statTone(data);
  if (tone === 'none') return { tone: 'info', word: '' };
  return { tone, word: tone.toUpperCase() };
}

export interface WallTileProps {
  title: string;
  data: StatData | undefined;
  stale: boolean;
}

/** A stat panel as the wall's big tile: title, state as shape and word, the figure, its trend. */
export function WallTile({ title, data, stale }: WallTileProps) {
  const { tone, word } = tileState(data);
  const parts = formatValueParts(data?.value ?? null, data?.unit ?? 'count');
  const figure = {
    '--figure-width':
      Math.max(parts.number.length, MIN_FIGURE_DIGITS) + (parts.unit ? 0.3 + parts.unit.length * 0.4 : 0),
  } as CSSProperties;
  const sparkline = data?.sparkline;
  const paths = useMemo(
    () =>
      sparkline
        ? sparklinePaths(msPoints(sparkline.points), {
            width: WIDTH,
            height: HEIGHT,
            startMs: Date.parse(sparkline.start),
            endMs: Date.parse(sparkline.end),
          })
        : undefined,
    [sparkline],
  );
  return (
    <article className="tv-tile" data-testid="tv-tile" data-status={tone} data-stale={stale}>
      <h2 className="tv-tile__title">{title}</h2>
      {word ? <StateWord tone={tone} word={word} /> : <span />}
      <p className="tv-tile__value" data-testid="tv-value" style={figure}>
        <span className="tv-tile__number">{parts.number}</span>
        {parts.unit && <span className="tv-tile__unit">{parts.unit}</span>}
      </p>
      <svg
        className="tv-spark"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <path className="tv-spark__area" d={paths?.area ?? ''} />
        <path className="tv-spark__line" d={paths?.line ?? ''} />
      </svg>
    </article>
  );
}
