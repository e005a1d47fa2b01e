import { pipeline, type Readable } from 'node:stream';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { finestResolution, HISTORY_RESOLUTIONS, historyPointCount } from '@promwall/core/history';
import { Router } from 'express';
import { z } from 'zod';
import { headlineKey } from '@promwall/core/schemas';
import type { Config } from '../config.ts';
import type { Database } from '../database/database.pool.ts';
import { DatabaseUnavailable } from '../database/database.pool.ts';
import { ApiError } from '../http/errors.ts';
import { filterValue, noParams, parseQuery, timeParam } from '../http/query.ts';
import type { HistoryService } from './history.service.ts';

/** The range a request covers when it names no start. */
const DEFAULT_RANGE_MS = 30 * 86_400_000;
/** Exports at once per replica: each holds a database connection for as long as it streams. */
const MAX_EXPORTS = 2;
/** An export whose reader takes nothing for this long is closed, freeing its connection. */
const EXPORT_IDLE_MS = 60_000;

const to = timeParam.optional().meta({ description: 'end of the range, included, ISO 8601 (default: now)' });

/** `GET /api/v1/history/{metric}`'s path; the OpenAPI document's parameters come from these. */
export const historyPath = z.strictObject({ metric: headlineKey.meta({ description: 'the headline metric' }) });

/** `GET /api/v1/history/{metric}`'s query string. */
export const historySeriesQuery = z.strictObject({
  from: timeParam.optional().meta({ description: 'start of the range, ISO 8601 (default: 30 days before `to`)' }),
  to,
  instance: filterValue
    .optional()
    .meta({ description: 'one instance’s figures; the headline figure itself when absent' }),
  resolution: z.enum(HISTORY_RESOLUTIONS).optional().meta({
    description: 'raw rounds or means over 5m, 1h or 1d (UTC) buckets; the finest within 11,000 points when absent',
  }),
});

/** `GET /api/v1/history/export`'s query string. */
export const historyExportQuery = z.strictObject({
  from: timeParam.optional().meta({ description: 'start of the range, ISO 8601 (default: all stored)' }),
  to,
  format: z.enum(['csv', 'json']).optional().meta({ description: '`csv` (default) or `json`, an array' }),
  metric: z
    .string()
    .max(256)
    .optional()
    .meta({ description: `one headline metric, one of ${headlineKeys.join(', ')} (default: all)` }),
});

function headlineMetric(name: string): HeadlineKey {
  const parsed = headlineKey.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    'bad_request',
    `no headline metric named ${JSON.stringify(name).slice(0, 80)}; one of ${headlineKeys.join(', ')}`,
  );
}

function rangeOf(query: { from?: number; to?: number }, now: number): { fromMs: number; toMs: number } {
  const toMs = query.to ?? now;
  const fromMs = query.from ?? toMs - DEFAULT_RANGE_MS;
  if (fromMs >= toMs) throw new ApiError(400, 'bad_request', 'from must be before to');
  return { fromMs, toMs };
}

function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d+/g, '');
}

/** `/api/v1/history…`: a 404 naming the missing setting when no database is configured. */
export function historyRoutes(
  history: { service: HistoryService; database: Database } | undefined,
  config: Pick<Config, 'history' | 'limits'>,
  now: () => number = Date.now,
): Router {
  const router = Router();
  if (!history) {
    router.use('/api/v1/history', () => {
      throw new ApiError(
        404,
        'history_not_configured',
        'history is recorded only when a database is configured (database.url, PROMWALL_DATABASE_URL)',
      );
    });
    return router;
  }
  const { service, database } = history;
  let exports = 0;

  router.use('/api/v1/history', (_req, res, next) => {
    if (!database.isMigrated) throw new DatabaseUnavailable('the database is not ready yet');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/api/v1/history', async (req, res) => {
    parseQuery(noParams, req);
    res.json(await service.info());
  });

  router.get('/api/v1/history/export', async (req, res) => {
    const query = parseQuery(historyExportQuery, req);
    const metric = query.metric === undefined ? undefined : headlineMetric(query.metric);
    const { fromMs, toMs } = rangeOf({ ...query, from: query.from ?? 0 }, now());
    if (exports >= MAX_EXPORTS) {
      throw new ApiError(
        429,
        'too_many_exports',
        `at most ${MAX_EXPORTS} exports run at once; try again when one ends`,
      );
    }
    const format = query.format ?? 'csv';
    exports++;
    let stream: Readable;
    try {
      stream = await service.openExport({ format, fromMs, toMs, metric });
    } catch (error) {
      exports--;
      throw error;
    }
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="promwall-history-${metric ?? 'all'}-${fileTime(fromMs)}-${fileTime(toMs)}.${format}"`,
    );
    const { socket } = req;
    const onIdle = () => socket.destroy();
    socket.setTimeout(EXPORT_IDLE_MS);
    socket.once('timeout', onIdle);
    // A failure mid-way can only cut the answer short: the client sees an incomplete transfer.
    pipeline(stream, res, () => {
      exports--;
      socket.setTimeout(0);
      socket.off('timeout', onIdle);
    });
  });

  router.get('/api/v1/history/:metric', async (req, res) => {
    const metric = headlineMetric(req.params.metric);
    const query = parseQuery(historySeriesQuery, req);
    const { fromMs, toMs } = rangeOf(query, now());
    const { maxPoints } = config.limits;
    const { intervalMs } = config.history;
    const resolution = query.resolution ?? finestResolution(fromMs, toMs, intervalMs, maxPoints);
    const points = historyPointCount(resolution, fromMs, toMs, intervalMs);
    if (points > maxPoints) {
      throw new ApiError(
        400,
        'too_many_points',
        `from–to at ${resolution} gives ${points} points; at most ${maxPoints} are allowed (choose a coarser resolution or a shorter range)`,
      );
    }
    const { truncated, ...series } = await service.series({
      metric,
      fromMs,
      toMs,
      instance: query.instance,
      resolution,
      maxPoints,
    });
    if (truncated) {
      // Rounds recorded at a shorter interval than today's: more points than the estimate.
      throw new ApiError(
        400,
        'too_many_points',
        `from–to at ${resolution} holds more than ${maxPoints} points; choose a coarser resolution or a shorter range`,
      );
    }
    res.json(series);
  });

  return router;
}
