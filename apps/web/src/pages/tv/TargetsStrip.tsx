import type { Target } from '@promwall/core/schemas';
import { NO_VALUE } from '@promwall/core/units';
import { StateIcon } from './StateIcon.tsx';

export interface TargetsStripProps {
  /** The wall's targets, down first; undefined before the first answer. */
  targets: Target[] | undefined;
  stale: boolean;
}

/** Down targets named on the strip; the rest are counted. */
const NAMED_DOWN = 3;

/** One line of target health: how many are up, how many down, and which. */
export function TargetsStrip({ targets, stale }: TargetsStripProps) {
  const down = targets?.filter((target) => target.health === 'down') ?? [];
  const up = targets?.filter((target) => target.health === 'up').length;
  const unknown = targets?.filter((target) => target.health === 'unknown').length ?? 0;
  return (
    <section className="tv-strip tv-panel" data-testid="tv-targets-strip" data-stale={stale} data-down={down.length}>
      <h2 className="tv-strip__title">Targets</h2>
      {targets === undefined ? (
        <p className="tv-strip__count tv-tone--unknown">
          <StateIcon tone="unknown" /> {NO_VALUE}
        </p>
      ) : (
        <>
          <p className="tv-strip__count tv-tone--ok">
            <StateIcon tone="ok" /> {up} up
          </p>
          {down.length > 0 && (
            <p className="tv-strip__count tv-tone--critical">
              <StateIcon tone="critical" /> {down.length} down
            </p>
          )}
          {unknown > 0 && (
            <p className="tv-strip__count tv-tone--unknown">
              <StateIcon tone="unknown" /> {unknown} unknown
            </p>
          )}
          {down.length > 0 && (
            <ul className="tv-strip__down" data-testid="tv-down-targets">
              {down.slice(0, NAMED_DOWN).map((target) => (
                <li key={`${target.job}/${target.instance}`} className="tv-strip__target">
                  <strong>{target.job}</strong> {target.instance}
                </li>
              ))}
              {down.length > NAMED_DOWN && <li className="tv-strip__more">+{down.length - NAMED_DOWN} more</li>}
            </ul>
          )}
          {targets.length === 0 && <p className="tv-strip__none">no targets</p>}
        </>
      )}
    </section>
  );
}
