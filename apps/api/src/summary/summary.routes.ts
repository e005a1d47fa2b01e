import { parseDuration } from '@promwall/core/duration';
import { headlineKeys } from '@promwall/core/headline';
import { headlineKey } from '@promwall/core/schemas';
import type { LabelFilters } from '@promwall/core/promql';
import {
  chooseStep,
  DEFAULT_RANGE_MS,
  DEFAULT_SERIES_POINTS,
  MIN_STEP_MS,
  PROMETHEUS_MAX_POINTS,
  pointCount,
} from '@promwall/core/series';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { sendJsonBytes } from '../http/jsonBytes.ts';
import { filterValue, parseQuery } from '../http/query.ts';
import type { SummaryService } from './summary.service.ts';

const filterParams = {
  job: filterValue
    .optional()
    .meta({ description: 'only series whose job label is exactly this value (escaped, never spliced into PromQL)' }),
  instance: filterValue.optional().meta({ description: 'only series whose instance label is exactly this value' }),
};

/** `GET /api/v1/summary`'s query string; the OpenAPI document's parameters come from it. */
export const summaryQuery = z.strictObject({
  ...filterParams,
  format: z
    .enum(['json', 'standard'])
    .optional()
    .meta({ description: '`standard` for the flat standard-format records' }),
});

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

/** `GET /api/v1/summary/{metric}`'s path. */
export const seriesPath = z.strictObject({ metric: headlineKey.meta({ description: 'the headline metric' }) });

/** `GET /api/v1/summary/{metric}`'s query string. */
export const seriesQuery = z.strictObject({
  ...filterParams,
  range: durationParam('range')
    .optional()
    .meta({ description: 'how far back, as a Prometheus duration such as 6h (default 1h)' }),
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
  by: z.enum(['total', 'instance']).optional().meta({ description: '`instance` for one series per instance' }),
  end: z
    .string()
    .max(40)
    .transform((text, ctx) => {
      const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
      if (!Number.isFinite(ms) || ms <= 0 || ms > Date.now() + MAX_FUTURE_MS) {
        ctx.addIssue({ code: 'custom', message: 'must be a time (RFC 3339 or Unix seconds), not in the future' });
        return z.NEVER;
      }
      return ms;
    })
    .optional()
    .meta({ description: 'the end of the range, RFC 3339 or Unix seconds (default: now)' }),
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
    const answer = await service.summary(filtersOf(query));
    res.setHeader('Cache-Control', 'no-store');
    sendJsonBytes(res, answer.body(query.format ?? 'json'));
  });

  router.get('/api/v1/summary/:metric', async (req, res) => {
    const path = seriesPath.safeParse(req.params);
    if (!path.success) {
      throw new ApiError(
        404,
        'not_found',
        `no headline metric named ${JSON.stringify(req.params.metric).slice(0, 80)}; one of ${headlineKeys.join(', ')}`,
      );
    }
    const { metric } = path.data;
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
    sendJsonBytes(res, series.json);
  });

  return router;
}
