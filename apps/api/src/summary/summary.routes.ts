import { parseDuration } from '@promwall/core/duration';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import type { LabelFilters } from '@promwall/core/promql';
import {
  chooseStep,
  DEFAULT_RANGE_MS,
  DEFAULT_SERIES_POINTS,
  MIN_STEP_MS,
  PROMETHEUS_MAX_POINTS,
  pointCount,
} from '@promwall/core/series';
import { isoTime } from '@promwall/core/schemas';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { filterValue, parseQuery } from '../http/query.ts';
import { toStandardRecords } from './standardFormat.ts';
import type { SummaryService } from './summary.service.ts';

const filterParams = { job: filterValue.optional(), instance: filterValue.optional() };

const summaryQuery = z.strictObject({ ...filterParams, format: z.enum(['json', 'standard']).optional() });

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

const seriesQuery = z.strictObject({
  ...filterParams,
  range: durationParam('range').optional(),
  step: durationParam('step').optional(),
  /** The chart's width in pixels: the series gets at most this many points. */
  points: z.coerce.number().int().min(2).max(PROMETHEUS_MAX_POINTS).optional(),
  by: z.enum(['total', 'instance']).optional(),
  /** The end of the range, ISO 8601 as every time in the API; now when absent. */
  end: z
    .string()
    .max(40)
    .transform((text, ctx) => {
      const ms = isoTime.safeParse(text).success ? Date.parse(text) : Number.NaN;
      if (!Number.isFinite(ms) || ms <= 0 || ms > Date.now() + MAX_FUTURE_MS) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an ISO 8601 time with its zone, such as 2026-11-22T10:00:00Z, not in the future',
        });
        return z.NEVER;
      }
      return ms;
    })
    .optional(),
});

const MAX_FUTURE_MS = 5 * 60_000;

function filtersOf(query: { job?: string; instance?: string }): LabelFilters {
  const filters: Record<string, string> = {};
  if (query.job !== undefined) filters.job = query.job;
  if (query.instance !== undefined) filters.instance = query.instance;
  return filters;
}

export function summaryRoutes(service: SummaryService, limits: Config['limits']): Router {
  const router = Router();

  router.get('/api/v1/summary', async (req, res) => {
    const query = parseQuery(summaryQuery, req);
    const summary = await service.summary(filtersOf(query));
    res.setHeader('Cache-Control', 'no-store');
    res.json(query.format === 'standard' ? toStandardRecords(summary) : summary);
  });

  router.get('/api/v1/summary/:metric', async (req, res) => {
    const metric = req.params.metric as HeadlineKey;
    if (!headlineKeys.includes(metric)) {
      throw new ApiError(
        404,
        'not_found',
        `no headline metric named ${JSON.stringify(req.params.metric).slice(0, 80)}; one of ${headlineKeys.join(', ')}`,
      );
    }
    const query = parseQuery(seriesQuery, req);
    const rangeMs = query.range ?? DEFAULT_RANGE_MS;
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
    const series = await service.headlineSeries({
      metric,
      rangeMs,
      stepMs,
      byInstance: query.by === 'instance',
      filters: filtersOf(query),
      endMs: query.end,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(series);
  });

  return router;
}
