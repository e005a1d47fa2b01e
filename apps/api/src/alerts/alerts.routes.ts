import { Router } from 'express';
import { sendJsonBytes } from '../http/jsonBytes.ts';
import { noParams, parseQuery } from '../http/query.ts';
import type { AlertsService } from './alerts.service.ts';

export function alertsRoutes(service: AlertsService): Router {
  const router = Router();
  router.get('/api/v1/alerts', async (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    sendJsonBytes(res, (await service.alerts()).json);
  });
  return router;
}
