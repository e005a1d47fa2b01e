import { parseDuration } from '@promwall/core/duration';
import {
  chooseStep,
  DEFAULT_RANGE_MS,
  DEFAULT_SERIES_POINTS,
  MIN_STEP_MS,
  PROMETHEUS_MAX_POINTS,
  pointCount,
} from '@promwall/core/series';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ApiError } from './errors.ts';
import { timeParam } from './query.ts';

const MAX_FUTURE_MS = 5 * 60_000;

const durationParam = (name: string) =>
  z
    .string()
    .max(32)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be a positive duration such as 5m or 1h (${name})` });
        return z.NEVER;
      }
      return ms;
    });

/** The query parameters of every time-series endpoint: spread them into its strict schema. */
export const seriesWindowParams = {
  range: durationParam('range').optional().meta({
    description: 'how far back, as a Prometheus duration such as 6h (default 1h; for a board panel, the board’s range)',
  }),
  step: durationParam('step')
    .optional()
    .meta({ description: 'resolution, as a duration such as 30s; chosen from range and points when absent' }),
  points: z.coerce
    .number()
    .int()
    .min(2)
    .max(PROMETHEUS_MAX_POINTS)
    .optional()
    .meta({ description: 'the most points a series may have: the chart’s width in pixels (default 300)' }),
  end: timeParam
    .refine((ms) => ms <= Date.now() + MAX_FUTURE_MS, { message: 'must not be in the future' })
    .optional()
    .meta({ description: 'the end of the range, ISO 8601 with its zone as every time in the API (default: now)' }),
};

export interface SeriesWindow {
  rangeMs: number;
  stepMs: number;
  /** A fixed end; a moving window (now) when absent, which keeps one cache entry per window. */
  endMs?: number | undefined;
}

/**
 * The range and step a request asks for, within the configured limits: the step is chosen from
 * the range and the chart's width when absent.
 *
 * @throws ApiError 400 when the range is too long or gives too many points.
 */
export function seriesWindow(
  query: {
    range?: number | undefined;
    step?: number | undefined;
    points?: number | undefined;
    end?: number | undefined;
  },
  limits: Config['limits'],
  defaultRangeMs = DEFAULT_RANGE_MS,
): SeriesWindow {
  const rangeMs = query.range ?? defaultRangeMs;
  if (rangeMs > limits.maxRangeMs) {
    throw new ApiError(400, 'range_too_long', `range may be at most ${limits.maxRangeMs / 86_400_000} days`);
  }
  const stepMs =
    query.step ??
    Math.max(MIN_STEP_MS, chooseStep(rangeMs, Math.min(query.points ?? DEFAULT_SERIES_POINTS, limits.maxPoints)));
  if (stepMs < MIN_STEP_MS) throw new ApiError(400, 'bad_request', 'step must be at least 1s');
  const points = pointCount(rangeMs, stepMs);
  if (points > limits.maxPoints) {
    throw new ApiError(
      400,
      'too_many_points',
      `range/step gives ${points} points; at most ${limits.maxPoints} are allowed`,
    );
  }
  return { rangeMs, stepMs, endMs: query.end };
}

/** Where a range query ends and starts: on a step boundary, so consecutive refreshes share their
 * points and charts don't jitter. */
export function alignedRange(window: SeriesWindow, now: number): { start: number; end: number } {
  const end = Math.floor((window.endMs ?? now) / window.stepMs) * window.stepMs;
  return { start: end - window.rangeMs, end };
}
