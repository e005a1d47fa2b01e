import type { IncomingHttpHeaders } from 'node:http';

/**
 * The only upstream headers a client sees: how to read the body, and what a cache needs to
 * store it. Everything else is the upstream's own business or Promwall's: security headers
 * (CSP, frame policy, nosniff), cookies, CORS grants, redirects (Location, Refresh, Link).
 */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-encoding', 'vary', 'date', 'last-modified', 'etag'];

/** Prometheus answers its API in JSON, and a few errors (its own 404 page) in plain text. */
const PROMETHEUS_TYPES = new Set(['application/json', 'text/plain']);

export type UpstreamAnswerRefusal = 'upstream_redirect' | 'upstream_content_type';

export type UpstreamAnswerDecision =
  { pass: true; headers: IncomingHttpHeaders } | { pass: false; reason: UpstreamAnswerRefusal; message: string };

/**
 * Whether an upstream answer may reach the client, and with which headers. An answer that no
 * Prometheus gives — a redirect, HTML, script — comes from something else at the upstream's
 * address and is refused: served from Promwall's origin, it would run there.
 */
export function decideUpstreamAnswer(
  upstream: string,
  status: number,
  headers: IncomingHttpHeaders,
): UpstreamAnswerDecision {
  if (status >= 300 && status < 400) {
    return {
      pass: false,
      reason: 'upstream_redirect',
      message: `${upstream} answered with a redirect (${status}), which Promwall does not follow`,
    };
  }
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!PROMETHEUS_TYPES.has(type)) {
    return {
      pass: false,
      reason: 'upstream_content_type',
      message: `${upstream} answered with content type ${JSON.stringify(type.slice(0, 64) || 'none')}, not JSON`,
    };
  }
  const passed: IncomingHttpHeaders = {};
  for (const name of PASSED_HEADERS) if (headers[name] !== undefined) passed[name] = headers[name];
  return { pass: true, headers: passed };
}
