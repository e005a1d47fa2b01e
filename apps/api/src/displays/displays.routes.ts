import { Router } from 'express';
import { heartbeat } from '@promwall/core/schemas';
import { ApiError } from '../http/errors.ts';
import { noParams, parseQuery } from '../http/query.ts';
import type { DisplaysStore } from './displays.store.ts';

export function displaysRoutes(store: DisplaysStore): Router {
  const router = Router();

  router.post('/api/v1/displays/heartbeat', async (req, res) => {
    if (!req.is('application/json'))
      throw new ApiError(415, 'unsupported_media_type', 'send the heartbeat as application/json');
    const parsed = heartbeat.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const outcome = await store.record(parsed.data, { address: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });
    if (outcome === 'id_taken') {
      throw new ApiError(409, 'display_id_taken', 'a wall reporting from another address has this id; choose another');
    }
    if (outcome === 'address_full') {
      throw new ApiError(429, 'too_many_displays', 'this address reports as many walls as it may');
    }
    if (outcome === 'full') {
      throw new ApiError(503, 'displays_full', 'the list of walls is full of walls that report', 90);
    }
    res.status(204).end();
  });

  router.get('/api/v1/displays', async (req, res) => {
    parseQuery(noParams, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ displays: await store.list() });
  });

  return router;
}
