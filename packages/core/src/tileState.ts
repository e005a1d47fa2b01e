import { severityRank } from './alerts.ts';
import type { LinkedAlert, Sources, Status } from './schemas.ts';

// Kept apart from the zod schemas: the TV wall reads these names and this logic, never the
// validation code. Headline tiles and a dashboard's stat panels decide their state here alike.

/** At or above `warning` is a warning, at or above `critical` critical. */
export interface Thresholds {
  warning: number;
  critical: number;
}

/**
 * Why a value has the status it has:
 * - `thresholds`: its value against its thresholds;
 * - `alert`: a linked alert rule fires or is pending, whatever the thresholds say;
 * - `source_down`: every scrape target feeding it is down, so what is left of it is not a reading;
 * - `no_data`: the query returned nothing;
 * - `failed`: the query failed.
 */
export const STATUS_REASONS = ['thresholds', 'alert', 'source_down', 'no_data', 'failed'] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

/** The states a linked alert rule can be in: `missing` when Prometheus has no rule of that name,
 * `unknown` when its rules could not be read. */
export const LINKED_ALERT_STATES = ['firing', 'pending', 'inactive', 'missing', 'unknown'] as const;

export interface TileStateInput {
  value: number | null;
  /** None: a value without thresholds is never a warning on its own. */
  thresholds: Thresholds | null;
  /** The scrape targets feeding the value by health; unknown when absent or both 0. */
  sources?: Sources | undefined;
  /** The alert rules watching the value. */
  alerts?: readonly LinkedAlert[] | undefined;
  failed?: boolean;
}

export interface TileState {
  status: Status;
  reason: StatusReason;
  /** Some of its sources are down: the value stands for the others only. */
  partial: boolean;
  /** The linked alert that decided the status, when one did. */
  alert: LinkedAlert | null;
}

const RANK: Record<Status, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };

/** A value against thresholds: unknown without a value, ok without thresholds. */
export function thresholdStatus(value: number | null, thresholds: Thresholds | null): Status {
  if (value === null) return 'unknown';
  if (thresholds === null) return 'ok';
  if (value >= thresholds.critical) return 'critical';
  if (value >= thresholds.warning) return 'warning';
  return 'ok';
}

/** A firing alert reads as its severity (critical and error as critical, anything else as a
 * warning); a pending one as a warning, since it has not waited its `for` yet. */
export function alertStatus(alert: LinkedAlert): Status {
  if (alert.state === 'firing' && (alert.severity === 'critical' || alert.severity === 'error')) return 'critical';
  return alert.state === 'firing' || alert.state === 'pending' ? 'warning' : 'ok';
}

/** The most pressing active alert: firing before pending, then by severity. */
export function activeAlert(alerts: readonly LinkedAlert[]): LinkedAlert | null {
  const active = alerts.filter((alert) => alert.state === 'firing' || alert.state === 'pending');
  active.sort(
    (a, b) =>
      Number(b.state === 'firing') - Number(a.state === 'firing') ||
      severityRank(a.severity) - severityRank(b.severity),
  );
  return active[0] ?? null;
}

export function isSourceDown(sources: Sources | undefined): boolean {
  return sources !== undefined && sources.down > 0 && sources.up === 0;
}

export function isPartial(sources: Sources | undefined): boolean {
  return sources !== undefined && sources.down > 0 && sources.up > 0;
}

/**
 * What a tile shows. A failed query is unknown; a value whose sources are all down is unknown
 * whatever is left of it in a rate window, since that remainder drifts as the window empties; an
 * active linked alert raises the status to its own at least (a tile never says OK beside a firing
 * rule); otherwise the thresholds decide.
 */
export function tileState({ value, thresholds, sources, alerts = [], failed = false }: TileStateInput): TileState {
  const partial = isPartial(sources);
  if (failed) return { status: 'unknown', reason: 'failed', partial, alert: null };
  if (isSourceDown(sources)) return { status: 'unknown', reason: 'source_down', partial, alert: null };
  const alert = activeAlert(alerts);
  const byValue = thresholdStatus(value, thresholds);
  if (alert) {
    const byAlert = alertStatus(alert);
    return { status: RANK[byValue] > RANK[byAlert] ? byValue : byAlert, reason: 'alert', partial, alert };
  }
  if (value === null) return { status: 'unknown', reason: 'no_data', partial, alert: null };
  return { status: byValue, reason: 'thresholds', partial, alert: null };
}
