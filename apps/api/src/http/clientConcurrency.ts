import type { RequestHandler } from 'express';
import { ConcurrencyLimit } from '../upstream/concurrencyLimit.ts';
import { ApiError } from './errors.ts';

/**
 * At most `max` requests of one client address in progress; the client's next ones wait their
 * turn for up to `queueTimeoutMs`, then get 503 with Retry-After. One client opening hundreds of
 * connections then only ever has `max` requests' worth of work under way, and everyone else's
 * requests (health probes first of all) are not stuck behind its backlog. The address is
 * Express's `req.ip`, so behind a trusted proxy (server.trustProxy) it is the real client's.
 */
export function clientConcurrency(
  max: number,
  queueTimeoutMs: number,
  onReject: () => void,
): { handler: RequestHandler; clients: () => { inUse: number; queued: number } } {
  const limits = new Map<string, ConcurrencyLimit>();
  const handler: RequestHandler = async (req, res, next) => {
    const address = req.ip ?? '';
    let limit = limits.get(address);
    if (!limit) {
      limit = new ConcurrencyLimit(max, queueTimeoutMs);
      limits.set(address, limit);
    }
    const release = await limit.acquire();
    if (!release) {
      onReject();
      throw new ApiError(
        503,
        'overloaded',
        `more than ${max} requests at once from this address; try again shortly`,
        limit.retryAfterSeconds,
      );
    }
    res.once('close', () => {
      release();
      // Idle clients are forgotten, so that the map holds only the clients being served.
      if (limit.inUse === 0 && limit.queued === 0 && limits.get(address) === limit) limits.delete(address);
    });
    next();
  };
  const clients = () => {
    let inUse = 0;
    let queued = 0;
    for (const limit of limits.values()) {
      inUse += limit.inUse;
      queued += limit.queued;
    }
    return { inUse, queued };
  };
  return { handler, clients };
}
