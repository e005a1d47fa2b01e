import type { HeadlineValue, LinkedAlert, Sources } from '@promwall/core/schemas';
import { isPartial } from '@promwall/core/tileState';
import { countOf } from '../text/plural.ts';
import type { StateTone } from './tone.ts';

/** A state's mark beside its colour and word: the tone's own shape, or one for a source down. */
export type StateShape = StateTone | 'source-down';

/**
 * How a headline value reads on a tile, the wall and an embed: a tone, a shape and a word, plus
 * what they do not say alone (why there is no figure, which rule fires, which sources are down).
 * The status and its reason come from the API (`tileState` in @promwall/core); this only words
 * them, in one place for every view.
 */
export interface HeadlineLook {
  tone: StateTone;
  shape: StateShape;
  word: string;
  /** Whether the figure is a reading; without one the tile shows "—" in its place. */
  showsValue: boolean;
  /** The linked alert rule that set the state, for a link to it. */
  alert: LinkedAlert | null;
  /** E.g. "1 of 1 target down"; null when every source is up or none is known. */
  sourcesNote: string | null;
  /** Some sources down: the figure stands for the others only. */
  partial: boolean;
}

const THRESHOLD_WORDS = { ok: 'OK', warning: 'Warning', critical: 'Critical', unknown: 'Unknown' } as const;

export function sourcesNote(sources: Sources): string | null {
  if (sources.down === 0) return null;
  const total = sources.up + sources.down;
  return `${sources.down} of ${countOf(total, 'target')} down`;
}

export function headlineLook(value: HeadlineValue | undefined): HeadlineLook {
  const base = { showsValue: true, alert: null, sourcesNote: null, partial: false };
  if (!value) return { ...base, tone: 'unknown', shape: 'unknown', word: 'Waiting', showsValue: false };
  const note = sourcesNote(value.sources);
  const partial = isPartial(value.sources);
  switch (value.reason) {
    case 'failed':
      return { ...base, tone: 'unknown', shape: 'unknown', word: 'Query failed', showsValue: false };
    case 'source_down':
      return {
        ...base,
        tone: 'unknown',
        shape: 'source-down',
        word: 'Source down',
        showsValue: false,
        sourcesNote: note,
      };
    case 'no_data':
      return { ...base, tone: 'unknown', shape: 'unknown', word: 'No data', showsValue: false };
    case 'alert': {
      const alert = value.alerts.find((linked) => linked.state === 'firing' || linked.state === 'pending') ?? null;
      const word = alert?.state === 'pending' ? 'Pending' : 'Firing';
      return {
        ...base,
        tone: value.status,
        shape: value.status,
        word,
        showsValue: value.value !== null,
        alert,
        sourcesNote: note,
        partial,
      };
    }
    case 'thresholds':
      return {
        ...base,
        tone: value.status,
        shape: value.status,
        word: THRESHOLD_WORDS[value.status],
        sourcesNote: note,
        partial,
      };
  }
}
