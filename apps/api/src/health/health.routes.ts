import type { Health, Readiness } from '@promwall/core/schemas';
import { Router } from 'express';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import { toErrorBody } from '../http/errors.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { asUpstreamError, type UpstreamClient, type UpstreamError } from '../upstream/upstream.client.ts';

/** A readiness probe may come every second from several checkers; the upstream sees one. */
const READINESS_TTL_MS = 1_000;

export function healthRoutes(version: string, upstream: UpstreamClient, metrics: ApiMetrics): Router {
  const router = Router();
  const readiness = new CoalescingCache<UpstreamError | null>({
    name: 'readiness',
    ttlMs: READINESS_TTL_MS,
    maxEntries: 1,
    metrics,
  });

  router.get('/healthz', (_req, res) => {
    const body: Health = { status: 'ok', version };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  // Ready when the upstream evaluates a trivial query: that is what every page needs.
  router.get('/readyz', async (_req, res) => {
    const failure = await readiness.get('upstream', () =>
      upstream.getJson('/api/v1/query', new URLSearchParams({ query: '1' }), 'readiness').then(
        () => null,
        (error: unknown) => asUpstreamError(error, upstream.name),
      ),
    );
    res.setHeader('Cache-Control', 'no-store');
    if (failure) {
      res.status(503).json(toErrorBody('not_ready', failure.message));
      return;
    }
    const body: Readiness = { status: 'ready', upstream: upstream.name };
    res.json(body);
  });

  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  return router;
}
