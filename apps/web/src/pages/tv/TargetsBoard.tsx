import type { Target } from '@promwall/core/schemas';
import { NO_VALUE } from '@promwall/core/units';
import type { CSSProperties } from 'react';
import type { StateTone } from '../../components/tone.ts';
import { StateWord } from './StateIcon.tsx';
import { gridShape } from './wallLists.ts';

export interface TargetsBoardProps {
  /** Down first; undefined before the first answer. */
  targets: Target[] | undefined;
  stale: boolean;
}

const HEALTH: Record<Target['health'], { tone: StateTone; word: string }> = {
  up: { tone: 'ok', word: 'UP' },
  down: { tone: 'critical', word: 'DOWN' },
  unknown: { tone: 'unknown', word: 'UNKNOWN' },
};

/** Every target as a cell, down ones first with their scrape error: the targets page of a rotation. */
export function TargetsBoard({ targets, stale }: TargetsBoardProps) {
  const shape = gridShape(targets?.length ?? 0);
  const down = targets?.filter((target) => target.health === 'down').length ?? 0;
  const style = { '--columns': shape.columns, '--rows': shape.rows } as CSSProperties;
  return (
    <section className="tv-board tv-panel" data-testid="tv-targets-board" data-stale={stale}>
      <h2 className="tv-board__title">
        Targets ·{' '}
        {targets === undefined
          ? NO_VALUE
          : `${targets.length - down} of ${targets.length} up${down ? ` · ${down} down` : ''}`}
      </h2>
      {targets && targets.length > 0 && (
        <ul className="tv-grid" style={style}>
          {targets.slice(0, shape.shown).map((target) => (
            <li key={`${target.job}/${target.instance}`} className="tv-cell" data-health={target.health}>
              <StateWord {...HEALTH[target.health]} />
              <span className="tv-cell__job">{target.job}</span>
              <span className="tv-cell__instance">{target.instance}</span>
              {target.health === 'down' && target.lastError && (
                <span className="tv-cell__error">{target.lastError}</span>
              )}
            </li>
          ))}
          {shape.shown < targets.length && (
            <li className="tv-cell tv-cell--more">+{targets.length - shape.shown} more</li>
          )}
        </ul>
      )}
    </section>
  );
}
