import { VARIABLE_PARAM_PREFIX } from '@promwall/core/dashboards';
import { parseDuration } from '@promwall/core/duration';
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { sendJsonBytes } from '../http/jsonBytes.ts';
import { filterValue, noParams, parseQuery } from '../http/query.ts';
import { seriesWindow, seriesWindowParams } from '../http/seriesWindow.ts';
import type { DashboardEntry } from './dashboards.store.ts';
import type { DashboardsService, Selections } from './dashboards.service.ts';

/** `GET /api/v1/dashboards/{id}`'s path. */
export const dashboardPath = z.strictObject({
  id: z.string().meta({ description: 'the board’s id: its file name without .yml' }),
});

/** `GET /api/v1/dashboards/{id}/panels/{panel}`'s path. */
export const panelPath = dashboardPath.extend({
  panel: z.string().meta({ description: 'the panel’s id in the file' }),
});

/** The panel data's query string. Loose: the var-<name> parameters depend on the board, and
 * selectionsOf checks them. */
export const panelQuery = z.looseObject(seriesWindowParams);
const WINDOW_PARAMS = Object.keys(seriesWindowParams);

const quoted = (text: string) => JSON.stringify(text).slice(0, 80);

async function entryOf(service: DashboardsService, id: string): Promise<DashboardEntry> {
  const entry = await service.entry(id);
  if (!entry) throw new ApiError(404, 'not_found', `no dashboard named ${quoted(id)}`);
  return entry;
}

/**
 * The board's variables selected by `var-<name>=<value>` parameters (an empty value selects
 * every value). Anything else but `allowed` is a 400: an unknown parameter or variable, a
 * repeated one, a value that is too long or not well-formed.
 */
function selectionsOf(req: Request, entry: DashboardEntry, allowed: readonly string[]): Selections {
  const variables = entry.good?.definition.variables.map((v) => v.name) ?? [];
  const selections: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (allowed.includes(key)) continue;
    if (!key.startsWith(VARIABLE_PARAM_PREFIX))
      throw new ApiError(400, 'bad_request', `unknown parameter: ${key.slice(0, 80)}`);
    const name = key.slice(VARIABLE_PARAM_PREFIX.length);
    if (!variables.includes(name)) {
      const known = variables.length > 0 ? `; it has ${variables.join(', ')}` : '; it has none';
      throw new ApiError(400, 'bad_request', `dashboard ${entry.id} has no variable ${quoted(name)}${known}`);
    }
    if (typeof value !== 'string') throw new ApiError(400, 'bad_request', `${key}: given more than once`);
    if (value !== '') {
      const checked = filterValue.safeParse(value);
      if (!checked.success) throw new ApiError(400, 'bad_request', `${key}: ${checked.error.issues[0]!.message}`);
    }
    selections[name] = value;
  }
  return selections;
}

export function dashboardsRoutes(service: DashboardsService, limits: Config['limits']): Router {
  const router = Router();

  router.get('/api/v1/dashboards', async (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.list());
  });

  router.get('/api/v1/dashboards/:id', async (req, res) => {
    const entry = await entryOf(service, req.params.id);
    const selections = selectionsOf(req, entry, []);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.dashboard(entry, selections));
  });

  router.get('/api/v1/dashboards/:id/panels/:panel', async (req, res) => {
    const entry = await entryOf(service, req.params.id);
    const query = parseQuery(panelQuery, req);
    const selections = selectionsOf(req, entry, WINDOW_PARAMS);
    const good = entry.good;
    if (!good) {
      throw new ApiError(
        404,
        'not_found',
        `dashboard ${entry.id} has never loaded: ${entry.error?.message ?? 'no valid version'}`,
      );
    }
    const panel = good.definition.rows
      .flatMap((row) => row.panels)
      .find((candidate) => candidate.id === req.params.panel);
    if (!panel)
      throw new ApiError(404, 'not_found', `dashboard ${entry.id} has no panel named ${quoted(req.params.panel)}`);
    const window = seriesWindow(
      query,
      limits,
      good.definition.range === undefined ? undefined : parseDuration(good.definition.range),
    );
    const data = await service.panelData({ board: { id: entry.id, ...good }, panel, window, selections });
    res.setHeader('Cache-Control', 'no-store');
    sendJsonBytes(res, data.json);
  });

  return router;
}
