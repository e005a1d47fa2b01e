import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { ApiError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests a client may make per window. */
  requests: number;
  windowMs: number;
  /** Clients counted at once; past this, new clients of the window share one count. */
  maxClients?: number;
  now?: () => number;
  onLimited?: () => void;
}

/** The count that clients beyond maxClients share, so that memory stays bounded under a flood of addresses. */
const OVERFLOW_KEY = '(overflow)';

/**
 * A per-client request budget over fixed windows, checked on every API request and so kept to
 * one map lookup: windows are aligned to the clock, and the counts are dropped together when one
 * ends. A client over budget gets a 429 with Retry-After, the seconds until the window ends.
 * Clients are told apart by their access token when they carry a valid one, so that a token's
 * budget follows it from address to address and walls behind one NAT do not share one; else by
 * address (IPv6 by /56 network, as one host often holds a whole one).
 */
export function rateLimit({
  requests,
  windowMs,
  maxClients = 100_000,
  now = Date.now,
  onLimited,
}: RateLimitOptions): RequestHandler {
  let windowEnd = 0;
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const time = now();
    if (time >= windowEnd) {
      windowEnd = (Math.floor(time / windowMs) + 1) * windowMs;
      counts = new Map();
    }
    let key = req.principal ? `token:${req.principal.name}` : clientKey(req.ip ?? req.socket.remoteAddress ?? '');
    let count = counts.get(key);
    if (count === undefined && counts.size >= maxClients) {
      key = OVERFLOW_KEY;
      count = counts.get(key);
    }
    count = (count ?? 0) + 1;
    counts.set(key, count);
    if (count <= requests) {
      next();
      return;
    }
    onLimited?.();
    res.setHeader('Retry-After', Math.max(1, Math.ceil((windowEnd - time) / 1000)));
    next(new ApiError(429, 'too_many_requests', 'rate limit reached; slow down'));
  };
}

const MAPPED_IPV4 = '::ffff:';

function clientKey(address: string): string {
  if (!address.includes(':')) return address;
  // A dual-stack listener sees IPv4 clients in this form: the address is the key, no parse needed.
  if (address.startsWith(MAPPED_IPV4) && address.includes('.')) return address.slice(MAPPED_IPV4.length);
  return ipKeyGenerator(address);
}
