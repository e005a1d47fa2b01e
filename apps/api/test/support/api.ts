import { pino } from 'pino';
import { createApp, createAppServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createMetrics, type ApiMetrics } from '../../src/metrics/metrics.ts';

export interface RunningApi {
  url: string;
  metrics: ApiMetrics;
  get(path: string): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Promwall's app in this process, listening on a free port, configured by environment. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const metrics = createMetrics();
  const config = loadConfig({ ...env }, '/nonexistent');
  const app = createApp({ config, logger: pino({ level: 'silent' }), metrics });
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    metrics,
    async get(path) {
      const response = await fetch(`${url}${path}`);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the test sees the text.
      }
      return { status: response.status, body, headers: response.headers };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
