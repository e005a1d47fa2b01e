/**
 * A colour with a meaning, always shown with a shape or a word too, so that it reads for
 * colour-blind eyes and on a washed-out TV.
 */
export type Tone = 'ok' | 'warning' | 'critical' | 'unknown' | 'info' | 'neutral';

/** The tones of a state; `neutral` is for figures that need no attention, never a state. */
export type StateTone = Exclude<Tone, 'neutral'>;
