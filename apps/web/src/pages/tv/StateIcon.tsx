import type { ReactNode } from 'react';
import type { StateShape } from '../../components/headlineLook.ts';
import type { StateTone } from '../../components/tone.ts';

// Each shape carries its own mark in the background colour: a tick, an exclamation mark, a cross.
const SHAPES: Record<StateShape, ReactNode> = {
  ok: (
    <>
      <circle cx="10" cy="10" r="9" />
      <path className="tv-icon__mark" d="M5.8 10.4l2.8 2.8 5.6-5.8" />
    </>
  ),
  warning: (
    <>
      <path d="M10 1 19.5 18.5H.5z" />
      <path className="tv-icon__mark" d="M10 7.2v5.3M10 15.3v.2" />
    </>
  ),
  critical: (
    <>
      <path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3z" />
      <path className="tv-icon__mark" d="M6.8 6.8l6.4 6.4M13.2 6.8l-6.4 6.4" />
    </>
  ),
  unknown: <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="3" strokeDasharray="4 2.6" />,
  // A ring struck through: nothing is coming from where the value comes from.
  'source-down': (
    <>
      <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M4.7 15.3 15.3 4.7" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  info: (
    <>
      <rect x="1.5" y="1.5" width="17" height="17" rx="3" />
      <path className="tv-icon__mark" d="M10 9v5.5M10 5.6v.2" />
    </>
  ),
};

export interface StateIconProps {
  tone: StateTone;
  /** The tone's own shape unless another is given. */
  shape?: StateShape;
}

export function StateIcon({ tone, shape = tone }: StateIconProps) {
  return (
    <svg className="tv-icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false">
      {SHAPES[shape]}
    </svg>
  );
}

/** A state as shape, colour and word together. */
export function StateWord({ tone, shape, word }: { tone: StateTone; shape?: StateShape; word: string }) {
  return (
    <span className={`tv-state tv-tone--${tone}`} data-shape={shape ?? tone}>
      <StateIcon tone={tone} shape={shape} />
      <span className="tv-state__word">{word}</span>
    </span>
  );
}

/** The tone of an alert severity: only the known ones carry meaning. */
export function severityTone(severity: string | null): StateTone {
  if (severity === 'critical' || severity === 'error') return 'critical';
  if (severity === 'warning') return 'warning';
  return 'info';
}
