import { pino } from 'pino';
import { createApp, createAppServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/database/database.pool.ts';
import { createHistoryRecorder, type HistoryRecorder } from '../../src/history/history.recorder.ts';
import { createMetrics, type ApiMetrics } from '../../src/metrics/metrics.ts';

export interface RunningApi {
  url: string;
  metrics: ApiMetrics;
  /** Set when the environment configures a database. */
  database: Database | undefined;
  recorder: HistoryRecorder | undefined;
  /** A request to the API; GET unless `init` says otherwise. */
  get(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>;
  /** The value of one sample of the app's own metrics, e.g. `promwall_history_leader`. */
  metric(name: string, labels?: Record<string, string>): Promise<number | undefined>;
  close(): Promise<void>;
}

/**
 * Promwall's app in this process, listening on a free port, configured by environment. With a
 * database configured it records history too, as `main.ts` does, unless `record` is false.
 */
export async function startApi(env: Record<string, string>, { record = true } = {}): Promise<RunningApi> {
  const metrics = createMetrics();
  const config = loadConfig({ ...env }, '/nonexistent');
  const logger = pino({ level: 'silent' });
  const database = config.database ? openDatabase(config.database, logger, metrics.registry) : undefined;
  const app = createApp({ config, logger, metrics, database });
  const recorder = database && record ? createHistoryRecorder({ config, database, logger, metrics }) : undefined;
  if (database && recorder) void database.migrated.then(() => recorder.start());
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const api: RunningApi = {
    url,
    metrics,
    database,
    recorder,
    async get(path, init) {
      const response = await fetch(`${url}${path}`, init);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the test sees the text.
      }
      return { status: response.status, body, headers: response.headers };
    },
    metric: (name, labels) => readMetric(metrics, name, labels),
    async close() {
      await recorder?.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await database?.close();
    },
  };
  return api;
}

async function readMetric(
  metrics: ApiMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const sample = values.find(
    (value) =>
      ('metricName' in value ? value.metricName === name || value.metricName === undefined : true) &&
      Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
  );
  return sample?.value;
}

/** Requests Promwall sent to its upstreams so far, from its own metrics, readiness probes aside. */
export async function upstreamRequests(target: RunningApi): Promise<number> {
  const metric = await target.metrics.upstreamRequests.get();
  return metric.values
    .filter(
      (value) =>
        value.metricName === 'promwall_upstream_request_duration_seconds_count' &&
        value.labels.endpoint !== 'readiness',
    )
    .reduce((sum, value) => sum + value.value, 0);
}
