import type { Targets } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { targetsQuery } from '../../api/targets.ts';
import { ListPage } from '../../components/lists/ListPage.tsx';
import {
  ChoiceChips,
  FilterSummary,
  GroupFigure,
  ListGroup,
  ListNote,
  SearchField,
} from '../../components/lists/ListParts.tsx';
import { TargetCounts } from '../../components/targets/TargetCounts.tsx';
import { extraLabels, TargetRow, TargetTableHead, targetKey } from '../../components/targets/TargetRow.tsx';
import { HEALTH_LOOKS, TARGET_HEALTHS } from '../../components/targets/health.ts';
import { toggleChoice } from '../../components/lists/listFilters.ts';
import { useTimeState } from '../../hooks/useTimeState.ts';
import { useSearchState } from '../../url/useSearchState.ts';
import {
  decodeTargetFilters,
  encodeTargetFilters,
  filterTargets,
  groupTargetsByJob,
  hasTargetFilters,
  NO_TARGET_FILTERS,
  worstHealth,
  type JobGroup,
} from './targetFilters.ts';

export function TargetsPage() {
  const [{ refreshMs }] = useTimeState();
  const query = useQuery(targetsQuery({ refreshMs }));
  return (
    <ListPage query={query} refreshMs={refreshMs}>
      {(data) => <TargetsView data={data} />}
    </ListPage>
  );
}

function TargetsView({ data }: { data: Targets }) {
  // Typing replaces the history entry; every other change adds one, so Back undoes it.
  const [filters, setFilters] = useSearchState(decodeTargetFilters, encodeTargetFilters);
  const shown = useMemo(() => filterTargets(data.targets, filters), [data.targets, filters]);
  const groups = useMemo(() => groupTargetsByJob(shown), [shown]);
  // Group headers count the whole job, whatever the filters leave of it.
  const jobs = useMemo(() => groupTargetsByJob(data.targets), [data.targets]);
  const jobsByName = useMemo(() => new Map(jobs.map((job) => [job.job, job])), [jobs]);
  // The labels column only earns its width when some target has labels beyond job and instance.
  const labelled = useMemo(() => data.targets.some((target) => extraLabels(target.labels).length > 0), [data.targets]);

  return (
    <>
      <TargetCounts counts={data.counts} />
      <div className="list-filters">
        <SearchField
          value={filters.q}
          placeholder="Job, instance, label or error"
          onChange={(q) => setFilters({ ...filters, q }, { replace: true })}
        />
        <ChoiceChips
          label="Health"
          selected={filters.health}
          choices={TARGET_HEALTHS.map((health) => ({
            value: health,
            count: data.counts[health],
            ...HEALTH_LOOKS[health],
          }))}
          onToggle={(health) => setFilters({ ...filters, health: toggleChoice(filters.health, health) })}
        />
        <label className="field">
          <span className="field__label">Job</span>
          <select
            value={filters.job ?? ''}
            onChange={(event) => setFilters({ ...filters, job: event.target.value || undefined })}
          >
            <option value="">All jobs</option>
            {jobs.map((job) => (
              <option key={job.job} value={job.job}>
                {job.job} ({job.targets.length})
              </option>
            ))}
            {filters.job !== undefined && !jobsByName.has(filters.job) && (
              <option value={filters.job}>{filters.job} (0)</option>
            )}
          </select>
        </label>
        <FilterSummary
          shown={shown.length}
          total={data.targets.length}
          noun="target"
          filtered={hasTargetFilters(filters)}
          onClear={() => setFilters(NO_TARGET_FILTERS)}
        />
      </div>
      {data.targets.length === 0 ? (
        <ListNote tone="unknown" title="No scrape targets">
          Prometheus has no active targets: check the scrape configuration.
        </ListNote>
      ) : groups.length === 0 ? (
        <ListNote tone="neutral" title="No targets match these filters" />
      ) : (
        <div
          role="table"
          aria-label="Targets by job"
          className={labelled ? 'list-table target-table' : 'list-table target-table target-table--no-labels'}
        >
          <TargetTableHead />
          {groups.map((group) => (
            <JobSection key={group.job} group={group} whole={jobsByName.get(group.job) ?? group} />
          ))}
        </div>
      )}
    </>
  );
}

interface JobSectionProps {
  /** The job's targets the filters leave. */
  group: JobGroup;
  /** All the job's targets. */
  whole: JobGroup;
}

function JobSection({ group: { job, targets }, whole }: JobSectionProps) {
  const { tone, shape } = HEALTH_LOOKS[worstHealth(whole.targets)];
  return (
    <ListGroup
      title={job || '(no job)'}
      figures={
        <GroupFigure tone={tone} shape={shape}>
          {whole.up}/{whole.targets.length} up
        </GroupFigure>
      }
    >
      {targets.map((target) => (
        <TargetRow key={targetKey(target)} target={target} />
      ))}
    </ListGroup>
  );
}
