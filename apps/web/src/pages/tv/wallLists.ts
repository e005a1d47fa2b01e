import type { Alert, Target } from '@promwall/core/schemas';
import { formatSeconds } from '@promwall/core/units';
import type { Filters } from '../../api/summary.ts';

/** The severity that makes a wall's alerts band turn prominent. */
export const URGENT_SEVERITY = 'critical';

const muted = (alert: Alert) => alert.silenced || alert.inhibited;

/** Firing and critical, neither silenced nor inhibited: what someone must act on now. */
export function isUrgent(alert: Alert): boolean {
  return alert.state === 'firing' && alert.severity === URGENT_SEVERITY && !muted(alert);
}

function alertRank(alert: Alert): number {
  if (muted(alert)) return 3;
  if (isUrgent(alert)) return 0;
  return alert.state === 'firing' ? 1 : 2;
}

/** Labels a wall's filters name must match where the alert carries them (not every rule keeps `job`). */
function matchesFilters(labels: Record<string, string>, filters: Filters): boolean {
  return (['job', 'instance'] as const).every(
    (name) => filters[name] === undefined || labels[name] === undefined || labels[name] === filters[name],
  );
}

/**
 * The alerts a wall lists, in the order it lists them: firing critical first, then other firing,
 * then pending, silenced and inhibited last; the API's order within each group.
 */
export function wallAlerts(alerts: readonly Alert[], filters: Filters): Alert[] {
  return alerts
    .filter((alert) => matchesFilters(alert.labels, filters))
    .map((alert, index) => ({ alert, index, rank: alertRank(alert) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ alert }) => alert);
}

/** Where an alert fires, in a few words: its instance, else its job, else its summary. */
export function alertPlace(alert: Alert): string {
  return alert.labels.instance ?? alert.labels.job ?? alert.annotations.summary ?? '';
}

/** How long an alert has been active, e.g. `3m 20s`; undefined when Prometheus gave no time. */
export function alertAge(alert: Alert, now: number): string | undefined {
  if (alert.activeAt === null) return undefined;
  const seconds = Math.round((now - Date.parse(alert.activeAt)) / 1000);
  return Number.isFinite(seconds) ? formatSeconds(Math.max(1, seconds)) : undefined;
}

const healthRank = { down: 0, unknown: 1, up: 2 } as const;

/** The targets a wall shows: those its filters name, down first. */
export function wallTargets(targets: readonly Target[], filters: Filters): Target[] {
  return targets
    .filter(
      (target) =>
        (filters.job === undefined || target.job === filters.job) &&
        (filters.instance === undefined || target.instance === filters.instance),
    )
    .map((target, index) => ({ target, index }))
    .sort((a, b) => healthRank[a.target.health] - healthRank[b.target.health] || a.index - b.index)
    .map(({ target }) => target);
}

export interface GridShape {
  columns: number;
  rows: number;
  /** How many items get a cell; the last cell says how many more there are when this is fewer. */
  shown: number;
}

/** Columns and rows for `count` cells on a 16:9 screen, at most `maxColumns` × `maxRows`. */
export function gridShape(count: number, maxColumns = 8, maxRows = 5): GridShape {
  const n = Math.max(1, count);
  const columns = Math.min(maxColumns, Math.max(1, Math.ceil(Math.sqrt(n * 1.8))));
  const rows = Math.min(maxRows, Math.ceil(n / columns));
  const capacity = columns * rows;
  return { columns, rows, shown: count <= capacity ? count : capacity - 1 };
}
