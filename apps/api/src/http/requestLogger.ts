import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Level, Logger } from 'pino';
import { redactTokenParam } from '../auth/auth.link.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request log, for lines about one request. */
    log: Logger;
  }
  interface ServerResponse {
    /** An unexpected error, logged with its stack on the request's completion line. */
    err?: Error;
  }
}

// A caller's request id is reused only when it is short and plain, so it cannot forge log lines.
const TRUSTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A successful request slower than this is logged at info; faster ones at debug. */
export const SLOW_REQUEST_MS = 1_000;

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && TRUSTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * What deserves a line at the usual level: failures and slow answers. A fast 2xx or 3xx — most
 * of the traffic, a TV wall polling every few seconds — goes to debug.
 */
export function requestLogLevel(status: number, durationMs: number, failed: boolean): Level {
  if (failed || status >= 500) return 'error';
  if (status >= 400) return 'warn';
  if (durationMs >= SLOW_REQUEST_MS) return 'info';
  return 'debug';
}

/**
 * One line per request when it completes, at the level its outcome deserves. The line is built
 * only when that level is enabled: at the default level a fast success costs a timer and an id.
 * Headers are left out: they repeat on every line and may carry credentials; so may a wall's page
 * URL (`?token=`), whose token is replaced.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestIdOf(req, res);
    req.log = logger;
    // 'close' also fires for a client that left before the answer; 'finish' would miss it.
    res.once('close', () => {
      const responseTime = Math.round(performance.now() - started);
      const level = requestLogLevel(res.statusCode, responseTime, res.err !== undefined);
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        req: {
          id,
          method: req.method,
          url: redactTokenParam(req.originalUrl),
          remoteAddress: req.socket.remoteAddress,
        },
        res: { statusCode: res.statusCode },
        responseTime,
        ...(res.err ? { err: res.err } : {}),
      };
      logger[level](line, res.err ? 'request errored' : 'request completed');
    });
    next();
  };
}
