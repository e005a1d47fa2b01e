import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../http/errors.js';
import { noParams, parseQuery } from '../http/query.js';
import type { DisplaysService } from './displays.service.js';

const heartbeat = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
  version: z.string().max(64),
  page: z.string().max(256),
  refreshMs: z.number().int().min(0).max(86_400_000),
  lastRefreshAt: z.iso.datetime({ offset: true }).nullable(),
});

export function displaysRoutes(service: DisplaysService): Router {
  const router = Router();

  router.post('/api/v1/displays/heartbeat', (req, res) => {
    if (!req.is('application/json')) throw new ApiError(415, 'unsupported_media_type', 'send the heartbeat as application/json');
    const parsed = heartbeat.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    service.record(parsed.data, { address: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });
    res.status(204).end();
  });

  router.get('/api/v1/displays', (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ displays: service.list() });
  });

  return router;
}
