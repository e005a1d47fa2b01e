import { Router } from 'express';

/** Liveness: answers as long as the process serves HTTP, whatever the upstream's state. */
export interface HealthBody {
  status: 'ok';
  version: string;
}

export function healthRoutes(version: string): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthBody = { status: 'ok', version };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  return router;
}
