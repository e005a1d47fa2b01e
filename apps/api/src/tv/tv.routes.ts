import type { TvConfig } from '@promwall/core/schemas';
import { Router } from 'express';
import type { Config } from '../config.ts';
import { noParams, parseQuery } from '../http/query.ts';

/** What a TV wall needs from the configuration; the server's floor on refresh is its own. */
export function tvRoutes(tv: Config['tv'], version: string): Router {
  const router = Router();
  router.get('/api/v1/tv/config', (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    const body: TvConfig = {
      ...tv,
      filters: { job: tv.filters.job ?? null, instance: tv.filters.instance ?? null },
      version,
    };
    res.json(body);
  });
  return router;
}
