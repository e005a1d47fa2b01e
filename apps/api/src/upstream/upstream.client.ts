import { Agent, request as send } from 'undici';
import type { CoalescingCache } from '../cache/coalescingCache.ts';
import type { UpstreamConfig } from '../config.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import type { ConcurrencyLimit } from './concurrencyLimit.ts';

export type UpstreamFailure = 'unreachable' | 'timeout' | 'bad_response' | 'query' | 'too_large' | 'overloaded';

/** A failed upstream request, with the HTTP status and message Promwall answers with. The
 * message names the upstream by its configured name, never by its address. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly failure: UpstreamFailure,
    readonly status: number,
    readonly code: string,
    message: string,
    /** Sent as Retry-After when Promwall turned the query away itself. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The upstream could not be asked at all, as opposed to refusing a query. */
  get isOutage(): boolean {
    return this.failure === 'unreachable' || this.failure === 'timeout' || this.failure === 'overloaded';
  }
}

export interface UpstreamClient {
  readonly name: string;
  /** GET `path` (below the configured URL and path prefix) and return the parsed JSON body. */
  getJson(path: string, params?: URLSearchParams, endpoint?: string): Promise<unknown>;
  /**
   * Sends a request with a JSON body (Alertmanager's silences) and returns the answer as it came,
   * for the caller to read: only failures to get an answer at all are thrown.
   */
  send(request: { method: 'POST' | 'DELETE'; path: string; body?: unknown; endpoint: string }): Promise<UpstreamAnswer>;
}

export interface UpstreamAnswer {
  status: number;
  text: string;
}

interface PrometheusEnvelope {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
}

export interface UpstreamLimits {
  /** The largest answer read; the rest is never read (limits.maxUpstreamBytes). */
  maxBytes: number;
  /** Shared by every upstream client and the pass-through: queries to upstreams at once. */
  concurrency: ConcurrencyLimit;
}

/**
 * A client for one upstream server: kept-alive connections, an overall deadline, a size limit,
 * configured headers and TLS, and errors mapped to statuses. Its credentials go to the configured
 * address only: redirects are never followed (undici's request follows none), and answered as a
 * failure. (Not fetch: fetch refuses ports such as 6000 that a user may run on.)
 */
export function createUpstreamClient(
  upstream: UpstreamConfig,
  metrics: ApiMetrics,
  limits: UpstreamLimits,
): UpstreamClient {
  const base = `${upstream.url}${upstream.pathPrefix}`;
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 32,
    ...(upstream.tls ? { connect: upstream.tls } : {}),
  });
  /** One exchange: a slot under the shared cap, then timed by endpoint and outcome. */
  const limited = async <T>(endpoint: string, run: () => Promise<T>): Promise<T> => {
    const release = await limits.concurrency.acquire();
    if (!release) {
      metrics.rejected.inc({ reason: 'upstream_concurrency' });
      throw new UpstreamError(
        'overloaded',
        503,
        'overloaded',
        `too many queries to ${upstream.name} at once; try again shortly`,
        limits.concurrency.retryAfterSeconds,
      );
    }
    const stop = metrics.upstreamRequests.startTimer({ upstream: upstream.name, endpoint });
    try {
      const result = await run();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof UpstreamError ? error.failure : 'error' });
      throw error;
    } finally {
      release();
    }
  };
  return {
    name: upstream.name,
    getJson(path, params, endpoint = path) {
      const url = params && [...params.keys()].length > 0 ? `${base}${path}?${params}` : `${base}${path}`;
      return limited(endpoint, async () =>
        parseAnswer(await exchange(upstream, agent, limits.maxBytes, 'GET', url), upstream),
      );
    },
    send({ method, path, body, endpoint }) {
      const json = body === undefined ? undefined : JSON.stringify(body);
      return limited(endpoint, () => exchange(upstream, agent, limits.maxBytes, method, `${base}${path}`, json));
    },
  };
}

function tooLarge(upstream: UpstreamConfig, maxBytes: number): UpstreamError {
  const size = maxBytes >= 1024 * 1024 ? `${+(maxBytes / (1024 * 1024)).toFixed(1)} MB` : `${maxBytes} bytes`;
  return new UpstreamError(
    'too_large',
    502,
    'upstream_too_large',
    `${upstream.name} answered more than ${size} (limits.maxUpstreamBytes)`,
  );
}

async function exchange(
  upstream: UpstreamConfig,
  agent: Agent,
  maxBytes: number,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: string,
): Promise<UpstreamAnswer> {
  const seconds = upstream.timeoutMs / 1000;
  // One deadline for the whole exchange, body included: an upstream that trickles is cut off too.
  const signal = AbortSignal.timeout(upstream.timeoutMs);
  let answer: UpstreamAnswer;
  try {
    const response = await send(url, {
      method,
      dispatcher: agent,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...upstream.headers,
      },
      body,
      signal,
    });
    // Counted as it arrives, so that memory holds at most maxBytes of any answer.
    if (Number(response.headers['content-length']) > maxBytes) {
      response.body.destroy();
      throw tooLarge(upstream, maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        response.body.destroy();
        throw tooLarge(upstream, maxBytes);
      }
      chunks.push(chunk);
    }
    answer = { status: response.statusCode, text: Buffer.concat(chunks, size).toString('utf8') };
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (signal.aborted) {
      throw new UpstreamError(
        'timeout',
        504,
        'upstream_timeout',
        `${upstream.name} did not answer within ${seconds} s`,
      );
    }
    const code = (error as { code?: string }).code;
    throw new UpstreamError(
      'unreachable',
      502,
      'upstream_unreachable',
      `${upstream.name} is unreachable${code && /^E[A-Z]+$/.test(code) ? ` (${code})` : ''}`,
    );
  }
  if (answer.status >= 300 && answer.status < 400) {
    throw new UpstreamError(
      'bad_response',
      502,
      'upstream_redirect',
      `${upstream.name} answered with a redirect (${answer.status}), which Promwall does not follow`,
    );
  }
  return answer;
}

function parseAnswer({ status, text }: UpstreamAnswer, upstream: UpstreamConfig): unknown {
  let body: PrometheusEnvelope | unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UpstreamError('bad_response', 502, 'upstream_failed', `${upstream.name} answered ${status} without JSON`);
  }
  const envelope = body as PrometheusEnvelope;
  if (status >= 200 && status < 300 && envelope?.status !== 'error') return body;
  const message = typeof envelope?.error === 'string' ? envelope.error : `HTTP ${status}`;
  // Prometheus refuses a query it cannot run with 400 (bad_data) or 422 (execution). Promwall's
  // own queries come from its configuration, so either is still a 502, with Prometheus's words.
  if (status === 400 || status === 422) {
    throw new UpstreamError('query', 502, 'query_error', `${upstream.name}: ${message}`);
  }
  throw new UpstreamError('bad_response', 502, 'upstream_failed', `${upstream.name} failed: ${message}`);
}

/** Any failure of a load as an UpstreamError: an answer of an unexpected shape is a 502 too. */
export function asUpstreamError(error: unknown, upstream: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  return new UpstreamError('bad_response', 502, 'upstream_failed', `${upstream} answered in an unexpected shape`);
}

/**
 * Loads through a coalescing cache, keeping a failure as the cached value, so that a failing
 * upstream is asked once per TTL however many clients ask, and throwing it to each of them.
 */
export async function loadCached<V>(
  cache: CoalescingCache<V | UpstreamError>,
  key: string,
  upstream: string,
  load: () => Promise<V>,
): Promise<V> {
  const result = await cache.get(key, () => load().catch((error: unknown) => asUpstreamError(error, upstream)));
  if (result instanceof UpstreamError) throw result;
  return result;
}
