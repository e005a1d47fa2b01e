import { SILENCE_LIMITS } from '@promwall/core/auth';
import type { Alert, SilenceRequest } from '@promwall/core/schemas';

/** The Silence form's state: which of the alert's labels to match, for how long, and why. */
export interface SilenceDraft {
  labels: [name: string, value: string][];
  chosen: string[];
  duration: string;
  comment: string;
}

export const DEFAULT_SILENCE_DURATION = '2h';

/** A silence of exactly this alert: every one of its labels chosen. */
export function draftFor(alert: Alert): SilenceDraft {
  const labels = Object.entries(alert.labels).sort(([a], [b]) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b),
  );
  return { labels, chosen: labels.map(([name]) => name), duration: DEFAULT_SILENCE_DURATION, comment: '' };
}

/** What keeps the draft from being sent, in the form's words; undefined when it can go. */
export function draftProblem(draft: SilenceDraft): string | undefined {
  if (draft.chosen.length === 0) return 'Choose at least one label to match.';
  if (draft.chosen.length > SILENCE_LIMITS.maxMatchers) return `Choose at most ${SILENCE_LIMITS.maxMatchers} labels.`;
  if (draft.comment.trim() === '') return 'Say why, for whoever sees the silence next.';
  if (draft.comment.length > SILENCE_LIMITS.maxCommentLength) {
    return `Keep the comment under ${SILENCE_LIMITS.maxCommentLength} characters.`;
  }
  return undefined;
}

/** The API's request: a plain `label = value` matcher per chosen label. */
export function silenceRequestOf(draft: SilenceDraft): SilenceRequest {
  return {
    matchers: draft.labels
      .filter(([name]) => draft.chosen.includes(name))
      .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
    duration: draft.duration,
    comment: draft.comment.trim(),
  };
}
