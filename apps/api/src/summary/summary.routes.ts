import { headlineKeys } from '@promwall/core/headline';
import type { LabelFilters } from '@promwall/core/promql';
import { headlineKey } from '@promwall/core/schemas';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { sendJsonBytes } from '../http/jsonBytes.ts';
import { filterValue, parseQuery } from '../http/query.ts';
import { seriesWindow, seriesWindowParams } from '../http/seriesWindow.ts';
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

/** `GET /api/v1/summary/{metric}`'s path. */
export const seriesPath = z.strictObject({ metric: headlineKey.meta({ description: 'the headline metric' }) });

/** `GET /api/v1/summary/{metric}`'s query string. */
export const seriesQuery = z.strictObject({
  ...filterParams,
  ...seriesWindowParams,
  by: z.enum(['total', 'instance']).optional().meta({ description: '`instance` for one series per instance' }),
});

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
    const series = await service.headlineSeries({
      metric,
      ...seriesWindow(query, limits),
      byInstance: query.by === 'instance',
      filters: filtersOf(query),
    });
    res.setHeader('Cache-Control', 'no-store');
    sendJsonBytes(res, series.json);
  });

  return router;
}
