import { silenceRequest, type SilenceCreated } from '@promwall/core/schemas';
import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import { noParams, parseQuery } from '../http/query.ts';
import type { SilencesService } from './silences.service.ts';

/** Alertmanager's silence ids are UUIDs: anything else never reaches it. */
export const silencePath = z.strictObject({
  id: z.uuid({ error: 'must be a silence id (a UUID)' }).meta({ description: 'the silence’s id' }),
});

/**
 * Silences from the Alerts page, for admin tokens (see auth.access.ts). Without access tokens
 * there is no author to name, and without Alertmanager nothing to write to: both are refused.
 */
export function silencesRoutes(service: SilencesService | undefined): Router {
  const router = Router();

  const author = (principal: { name: string } | undefined): string => {
    if (!principal) {
      throw new ApiError(
        403,
        'auth_required',
        'Silences are made in the name of an admin token: configure auth.tokens to use them',
      );
    }
    return principal.name;
  };
  const alertmanager = (): SilencesService => {
    if (!service) throw new ApiError(404, 'not_configured', 'No Alertmanager is configured (alertmanager.url)');
    return service;
  };

  router.post('/api/v1/silences', async (req, res) => {
    parseQuery(noParams, req);
    const name = author(req.principal);
    if (!req.is('application/json')) {
      throw new ApiError(415, 'unsupported_media_type', 'send the silence as application/json');
    }
    const parsed = silenceRequest.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const body: SilenceCreated = { id: await alertmanager().create(parsed.data, name) };
    res.status(201).json(body);
  });

  router.delete('/api/v1/silences/:id', async (req, res) => {
    parseQuery(noParams, req);
    author(req.principal);
    const parsed = silencePath.safeParse(req.params);
    if (!parsed.success) throw new ApiError(400, 'bad_request', `id: ${parsed.error.issues[0]!.message}`);
    await alertmanager().expire(parsed.data.id);
    res.status(204).end();
  });

  return router;
}
