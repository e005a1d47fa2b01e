import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../http/query.js';
import type { AlertsService } from './alerts.service.js';

const alertsQuery = z.object({});

export function alertsRoutes(service: AlertsService): Router {
  const router = Router();
  router.get('/api/v1/alerts', async (req, res) => {
    parseQuery(alertsQuery, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.alerts());
  });
  return router;
}
