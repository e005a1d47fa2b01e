import type { Targets } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { targetsQuery } from '../../api/targets.ts';
import { ListPanel } from '../lists/ListPanel.tsx';
import { ListNote } from '../lists/ListParts.tsx';
import { TargetCounts } from './TargetCounts.tsx';
import { TargetRow, targetKey } from './TargetRow.tsx';

/** Down targets beyond this many are left to the targets page. */
const MAX_ROWS = 6;

export interface TargetsPanelProps {
  refreshMs: number;
}

/** The overview's targets panel: the counts, and every down target with its scrape error. */
export function TargetsPanel({ refreshMs }: TargetsPanelProps) {
  const query = useQuery(targetsQuery({ refreshMs }));
  return (
    <ListPanel
      title="Targets"
      to="/targets"
      linkText="All targets"
      testId="targets-panel"
      query={query}
      refreshMs={refreshMs}
    >
      {(data) => <TargetsSummary data={data} />}
    </ListPanel>
  );
}

/** Counts and the down targets: the body of every targets panel. */
export function TargetsSummary({ data }: { data: Targets }) {
  const { counts } = data;
  if (counts.total === 0) {
    return (
      <ListNote tone="unknown" title="No scrape targets">
        Prometheus has no active targets to scrape.
      </ListNote>
    );
  }
  const down = data.targets.filter((target) => target.health === 'down');
  return (
    <div className="list-panel__body">
      <TargetCounts counts={counts} compact />
      {down.length === 0 ? (
        counts.unknown === 0 ? (
          <ListNote tone="ok" title={counts.total === 1 ? 'The one target is up' : `All ${counts.total} targets up`} />
        ) : (
          <ListNote tone="ok" title="No target down">
            {counts.up} up, {counts.unknown} not scraped yet.
          </ListNote>
        )
      ) : (
        <div role="table" aria-label="Down targets" className="list-panel__rows">
          {down.slice(0, MAX_ROWS).map((target) => (
            <TargetRow key={targetKey(target)} target={target} variant="compact" />
          ))}
        </div>
      )}
      {down.length > MAX_ROWS && (
        <Link to="/targets?health=down" className="text-link list-panel__more">
          and {down.length - MAX_ROWS} more down
        </Link>
      )}
    </div>
  );
}
