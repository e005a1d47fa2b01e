import type { Target } from '@promwall/core/schemas';
import type { MarkShape } from '../lists/ListParts.tsx';
import type { Tone } from '../tone.ts';

export type TargetHealth = Target['health'];

export const TARGET_HEALTHS = ['up', 'down', 'unknown'] as const satisfies readonly TargetHealth[];

/** How each health reads: a word, a colour and a shape. */
export const HEALTH_LOOKS: Record<TargetHealth, { label: string; tone: Tone; shape: MarkShape }> = {
  up: { label: 'Up', tone: 'ok', shape: 'dot' },
  down: { label: 'Down', tone: 'critical', shape: 'square' },
  unknown: { label: 'Unknown', tone: 'unknown', shape: 'ring' },
};
