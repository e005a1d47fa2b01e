import http from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import { Gauge } from 'prom-client';
import { createAppServer } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';

export interface PromwallServer {
  server: http.Server;
  /**
   * Stops accepting connections, lets the requests in progress finish (their connections then
   * close), and resolves once all are closed, or after `timeoutMs` with the rest cut off.
   */
  shutDown(timeoutMs: number): Promise<'drained' | 'forced'>;
}

/** Node's default: its parser's errors answered as JSON, like every other error. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'the request line and headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'the request did not arrive in time'],
};

function clientErrorResponse(code: string | undefined): string {
  const [status, errorCode, message] = CLIENT_ERRORS[code ?? ''] ?? [400, 'bad_request', 'malformed HTTP request'];
  const body = JSON.stringify({ error: { code: errorCode, message } });
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * The HTTP server in front of the app, with the limits that keep one client from holding it:
 * time limits on receiving headers and whole requests and on idle keep-alive connections (a
 * slowloris client is cut off), a cap on connections overall and per client address (the file
 * descriptors run out before the memory does), and graceful shutdown.
 */
export function createHttpServer(app: Express, options: ServerConfig, metrics: ApiMetrics): PromwallServer {
  let draining = false;
  const inProgress = new Set<http.ServerResponse>();
  const server = createAppServer(app, {
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    // How often the two timeouts above are checked: by default only every 30 s.
    connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs),
  });
  // Ahead of the app, which may answer at once.
  server.prependListener('request', (_req, res: http.ServerResponse) => {
    // While draining, every answer ends its connection, so that keep-alive clients let go.
    if (draining) res.setHeader('Connection', 'close');
    inProgress.add(res);
    res.once('close', () => inProgress.delete(res));
  });
  server.maxConnections = options.maxConnections;

  // A reverse proxy's connections carry many clients: only direct clients are capped.
  const trusted = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const perClient = new Map<string, number>();
  let open = 0;
  new Gauge({
    name: 'promwall_http_connections',
    help: 'Client connections open.',
    registers: [metrics.registry],
    collect() {
      this.set(open);
    },
  });

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = perClient.get(address) ?? 0;
    if (count >= options.maxConnectionsPerClient && !trusted(address, 0)) {
      metrics.rejected.inc({ reason: 'client_connections' });
      socket.destroy();
      return;
    }
    perClient.set(address, count + 1);
    open++;
    socket.once('close', () => {
      open--;
      const left = (perClient.get(address) ?? 1) - 1;
      if (left > 0) perClient.set(address, left);
      else perClient.delete(address);
    });
  });
  server.on('drop', () => metrics.rejected.inc({ reason: 'connections' }));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    metrics.rejected.inc({ reason: error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'malformed' });
    // Closed once written, not half-closed: a client that keeps sending must not keep the descriptor.
    socket.end(clientErrorResponse(error.code), () => socket.destroy());
  });

  return {
    server,
    shutDown(timeoutMs) {
      draining = true;
      for (const res of inProgress) if (!res.headersSent) res.setHeader('Connection', 'close');
      return new Promise((resolve) => {
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          resolve('forced');
        }, timeoutMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve('drained');
        });
        // close() only stops accepting; idle keep-alive connections would hold it open.
        server.closeIdleConnections();
      });
    },
  };
}
