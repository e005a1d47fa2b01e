import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

// A caller's request id is reused only when it is short and plain, so it cannot forge log lines.
const TRUSTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && TRUSTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function requestLogger(logger: Logger, basePath: string) {
  const liveness = `${basePath}/healthz`;
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    // Headers are left out: they repeat on every line and may carry credentials.
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel(req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // Liveness probes hit /healthz every few seconds; at info they would drown real traffic.
      // originalUrl: below the base path's mount, Express has cut the prefix off req.url.
      const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
      if (url?.split('?')[0] === liveness) return 'debug';
      return 'info';
    },
  });
}
