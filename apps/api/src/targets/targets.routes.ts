import { Router } from 'express';
import { sendJsonBytes } from '../http/jsonBytes.ts';
import { noParams, parseQuery } from '../http/query.ts';
import type { TargetsService } from './targets.service.ts';

export function targetsRoutes(service: TargetsService): Router {
  const router = Router();
  router.get('/api/v1/targets', async (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    sendJsonBytes(res, (await service.targets()).json);
  });
  return router;
}
