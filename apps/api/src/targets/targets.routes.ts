import { Router } from 'express';
import { noParams, parseQuery } from '../http/query.ts';
import type { TargetsService } from './targets.service.ts';

export function targetsRoutes(service: TargetsService): Router {
  const router = Router();
  router.get('/api/v1/targets', async (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.targets());
  });
  return router;
}
