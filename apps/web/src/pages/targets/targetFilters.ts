import type { Target } from '@promwall/core/schemas';
import { TARGET_HEALTHS, type TargetHealth } from '../../components/targets/health.ts';
import { decodeChoices, encodeList, labelPairs, matchesText } from '../../components/lists/listFilters.ts';

/** What the targets page shows; an empty `health` list means every health. */
export interface TargetFilters {
  health: TargetHealth[];
  job: string | undefined;
  q: string;
}

export const NO_TARGET_FILTERS: TargetFilters = { health: [], job: undefined, q: '' };

/** Reads `?health=down,unknown&job=node&q=…`; unknown values are dropped so any link opens. */
export function decodeTargetFilters(search: string): TargetFilters {
  const params = new URLSearchParams(search);
  return {
    health: decodeChoices(params.get('health'), TARGET_HEALTHS),
    job: params.get('job') || undefined,
    q: params.get('q') ?? '',
  };
}

/** The query parameters for the filters; unset ones are removed from the URL. */
export function encodeTargetFilters({ health, job, q }: TargetFilters): Record<string, string | undefined> {
  return {
    health: encodeList(TARGET_HEALTHS.filter((choice) => health.includes(choice))),
    job: job || undefined,
    q: q || undefined,
  };
}

export function hasTargetFilters({ health, job, q }: TargetFilters): boolean {
  return health.length > 0 || job !== undefined || q.trim() !== '';
}

export function filterTargets(targets: readonly Target[], { health, job, q }: TargetFilters): Target[] {
  return targets.filter(
    (target) =>
      (health.length === 0 || health.includes(target.health)) &&
      (job === undefined || target.job === job) &&
      matchesText([target.job, target.instance, ...labelPairs(target.labels), target.lastError ?? ''], q),
  );
}

export interface JobGroup {
  job: string;
  targets: Target[];
  up: number;
}

/** Targets by job, jobs in alphabetical order, each job's targets in the order given. */
export function groupTargetsByJob(targets: readonly Target[]): JobGroup[] {
  const groups = new Map<string, JobGroup>();
  for (const target of targets) {
    let group = groups.get(target.job);
    if (!group) {
      group = { job: target.job, targets: [], up: 0 };
      groups.set(target.job, group);
    }
    group.targets.push(target);
    if (target.health === 'up') group.up++;
  }
  return [...groups.values()].sort((a, b) => a.job.localeCompare(b.job));
}

/** The health a group of targets shows: down if any is, unknown if any is, else up. */
export function worstHealth(targets: readonly Target[]): TargetHealth {
  if (targets.some((target) => target.health === 'down')) return 'down';
  return targets.some((target) => target.health === 'unknown') ? 'unknown' : 'up';
}
