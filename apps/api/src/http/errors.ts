import type { ErrorBody } from '@promwall/core/schemas';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { UpstreamError } from '../upstream/upstream.client.ts';

/** An error whose status, code and message are meant for the client. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Sent as Retry-After: how long the client should wait before asking again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  502: 'upstream_failed',
  503: 'unavailable',
  504: 'upstream_timeout',
};

export function toErrorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Where the Prometheus API pass-through is mounted, below the base path. */
export const PROMETHEUS_API_MOUNT = '/api/prom';

/**
 * Prometheus's error envelope, which promtool, Grafana and vmalert parse to show the message
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview), with its errorType
 * words for the statuses Promwall answers itself.
 */
export interface PrometheusErrorBody {
  status: 'error';
  errorType: string;
  error: string;
}

const PROMETHEUS_ERROR_TYPE: Record<number, string> = {
  400: 'bad_data',
  404: 'not_found',
  405: 'bad_data',
  413: 'bad_data',
  415: 'bad_data',
  422: 'execution',
  429: 'unavailable',
  502: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
};

export function toPrometheusErrorBody(status: number, message: string): PrometheusErrorBody {
  const errorType = PROMETHEUS_ERROR_TYPE[status] ?? (status < 500 ? 'bad_data' : 'internal');
  return { status: 'error', errorType, error: message };
}

/** Marks the requests of the Prometheus API pass-through: their errors take Prometheus's shape. */
export const prometheusErrorShape: RequestHandler = (_req, res, next) => {
  res.locals.prometheusApi = true;
  next();
};

/** An error answer in the shape the request's API speaks. */
function sendError(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .json(res.locals.prometheusApi === true ? toPrometheusErrorBody(status, message) : toErrorBody(code, message));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  // originalUrl, not path: under a mount point req.path has the prefix stripped.
  const pathname = req.originalUrl.split('?')[0];
  res.status(404).json(toErrorBody('not_found', `No route for ${req.method} ${pathname}`));
};

/** Errors thrown by Express and its middleware (body parsing, static files) carry these. */
interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
}

function clientStatusOf(err: HttpErrorLike): number | undefined {
  const status = err.status ?? err.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function describeZodError(err: ZodError): string {
  return err.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The one error handler: every failure becomes a JSON error body. Only messages written for
 * clients are passed on; anything else is logged with its stack and answered with a generic 500.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    // Too late for a JSON body: Express's final handler closes the connection.
    next(err);
    return;
  }

  if (err instanceof ApiError || err instanceof UpstreamError) {
    if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    sendError(res, err.status, err.code, err.message);
    return;
  }

  if (err instanceof ZodError) {
    sendError(res, 400, 'bad_request', describeZodError(err));
    return;
  }

  const httpError = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorLike;
  const clientStatus = clientStatusOf(httpError);
  if (clientStatus !== undefined) {
    const message =
      httpError.expose === true && typeof httpError.message === 'string'
        ? httpError.message
        : 'The request could not be processed';
    sendError(res, clientStatus, CODE_BY_STATUS[clientStatus] ?? 'bad_request', message);
    return;
  }

  // The request log writes res.err, with its stack, on the request's completion line.
  res.err = err instanceof Error ? err : new Error(String(err));
  sendError(res, 500, 'internal', 'Internal server error');
};
