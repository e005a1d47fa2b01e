import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { HISTORY_RESOLUTIONS, type HistoryResolution } from '@promwall/core/history';
import { MAX_LABEL_VALUE_LENGTH } from '@promwall/core/labels';

/** The History page's part of the URL: which metric, whose figure, over which range. */
export const HISTORY_PRESETS = ['month', 'quarter', 'year'] as const;
export type HistoryPreset = (typeof HISTORY_PRESETS)[number];

const DAY_MS = 86_400_000;
export const PRESET_MS: Record<HistoryPreset, number> = {
  month: 30 * DAY_MS,
  quarter: 91 * DAY_MS,
  year: 365 * DAY_MS,
};

/** A preset moves with the clock (the last 30 days); a custom range is fixed. */
export type HistoryRange = { kind: 'preset'; preset: HistoryPreset } | { kind: 'custom'; fromMs: number; toMs: number };

export interface HistoryState {
  metric: HeadlineKey;
  /** Absent: the headline figure itself. */
  instance: string | undefined;
  range: HistoryRange;
  /** `auto`: the finest resolution with no more points than the chart has pixels. */
  resolution: HistoryResolution | 'auto';
}

export const DEFAULT_HISTORY_STATE: HistoryState = {
  metric: 'cpu',
  instance: undefined,
  range: { kind: 'preset', preset: 'month' },
  resolution: 'auto',
};

/** The longest custom range: ten years, as much as any retention keeps. */
const MAX_CUSTOM_MS = 3_653 * DAY_MS;

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | undefined {
  return choices.find((choice) => choice === value);
}

/**
 * Reads `?metric=rps&instance=…&range=quarter&resolution=1h`, or `from=…&to=…` (ISO 8601) for a
 * custom range. Anything malformed falls back to its default: a shared link must always open.
 */
export function decodeHistoryState(search: string): HistoryState {
  const params = new URLSearchParams(search);
  const instance = params.get('instance');
  return {
    metric: oneOf(headlineKeys, params.get('metric')) ?? DEFAULT_HISTORY_STATE.metric,
    instance: instance && instance.length <= MAX_LABEL_VALUE_LENGTH ? instance : undefined,
    range: decodeRange(params),
    resolution: oneOf(HISTORY_RESOLUTIONS, params.get('resolution')) ?? 'auto',
  };
}

function decodeRange(params: URLSearchParams): HistoryRange {
  const fromMs = Date.parse(params.get('from') ?? '');
  const toMs = Date.parse(params.get('to') ?? '');
  if (
    Number.isFinite(fromMs) &&
    Number.isFinite(toMs) &&
    fromMs >= 0 &&
    fromMs < toMs &&
    toMs - fromMs <= MAX_CUSTOM_MS
  ) {
    return { kind: 'custom', fromMs, toMs };
  }
  const preset = oneOf(HISTORY_PRESETS, params.get('range'));
  return preset ? { kind: 'preset', preset } : DEFAULT_HISTORY_STATE.range;
}

/** The query parameters for a state; defaults are left out so links stay short. */
export function encodeHistoryState({
  metric,
  instance,
  range,
  resolution,
}: HistoryState): Record<string, string | undefined> {
  const custom = range.kind === 'custom';
  return {
    metric: metric === DEFAULT_HISTORY_STATE.metric ? undefined : metric,
    instance,
    range: custom || range.preset === 'month' ? undefined : range.preset,
    from: custom ? new Date(range.fromMs).toISOString() : undefined,
    to: custom ? new Date(range.toMs).toISOString() : undefined,
    resolution: resolution === 'auto' ? undefined : resolution,
  };
}

/** The range's times: a preset ends now. */
export function rangeBounds(range: HistoryRange, nowMs: number): { fromMs: number; toMs: number } {
  return range.kind === 'custom'
    ? { fromMs: range.fromMs, toMs: range.toMs }
    : { fromMs: nowMs - PRESET_MS[range.preset], toMs: nowMs };
}
