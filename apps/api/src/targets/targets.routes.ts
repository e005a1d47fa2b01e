import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../http/query.js';
import type { TargetsService } from './targets.service.js';

const targetsQuery = z.object({});

export function targetsRoutes(service: TargetsService): Router {
  const router = Router();
  router.get('/api/v1/targets', async (req, res) => {
    parseQuery(targetsQuery, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.targets());
  });
  return router;
}
