import { NO_SEVERITY, severityRank } from '@promwall/core/alerts';
import type { Alert } from '@promwall/core/schemas';
import { formatSeconds } from '@promwall/core/units';
import type { MarkShape } from '../lists/ListParts.tsx';
import type { Tone } from '../tone.ts';

export type AlertState = Alert['state'];

export const ALERT_STATES = ['firing', 'pending'] as const satisfies readonly AlertState[];

/** Firing is a filled dot, pending a ring: they differ in shape as well as colour. */
export const STATE_LOOKS: Record<AlertState, { label: string; tone: Tone; shape: MarkShape }> = {
  firing: { label: 'Firing', tone: 'critical', shape: 'dot' },
  pending: { label: 'Pending', tone: 'warning', shape: 'ring' },
};

export function severityKey(severity: string | null): string {
  return severity ?? NO_SEVERITY;
}

/** Known severities in urgency order, then any others alphabetically, then `none`. */
export function compareSeverity(a: string, b: string): number {
  return severityRank(a) - severityRank(b) || a.localeCompare(b);
}

/** The colour a severity badge takes: only the known ones carry meaning. */
export function severityTone(severity: string): Tone {
  if (severity === 'critical' || severity === 'error') return 'critical';
  if (severity === 'warning') return 'warning';
  if (severity === 'info') return 'info';
  return 'neutral';
}

/** How long an alert has been active: `for 45 s`, `for 3m 20s`, `for 2h 5m`. */
export function activeFor(activeAt: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(activeAt)) / 1000);
  return seconds < 1 ? 'just now' : `for ${formatSeconds(seconds)}`;
}
