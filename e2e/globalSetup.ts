import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts, promwallService, repoRoot, Supervisor } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { writeTokenConfig } from './accessTokens.ts';

/** The base path of the second Promwall, which proves the app works under a reverse proxy's prefix. */
const BASE_PATH = '/promwall';

/** Starts the whole stack once for every end-to-end test, and stops it afterwards, with a
 * second Promwall under a base path and a third that asks for access tokens beside the first.
 * Tests start once every headline metric has a value, so none of them waits on the first scrapes. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // A copy of the shipped boards, so that the dashboards tests can add and break files in it.
  const dashboards = mkdtempSync(join(tmpdir(), 'promwall-e2e-dashboards-'));
  cpSync(join(repoRoot, 'dashboards'), dashboards, { recursive: true });
  process.env.PROMWALL_E2E_DASHBOARDS_DIR = dashboards;
  const { stack, options } = await startTestStack('e2e', {
    // History every second, so that a young stack has rounds to chart.
    promwallEnv: { PROMWALL_DASHBOARDS_DIR: dashboards, PROMWALL_HISTORY_INTERVAL: '1s' },
  });
  const prefixed = new Supervisor(join(options.dataDir, 'logs-prefixed'));
  const guardedLogs = join(options.dataDir, 'logs-guarded');
  const guarded = new Supervisor(guardedLogs);
  const stop = async () => {
    await guarded.stopAll();
    await prefixed.stopAll();
    await stack.stop();
  };
  try {
    const [port, guardedPort] = await freePorts(2);
    await prefixed.start(
      promwallService({
        PROMETHEUS_URL: stack.urls.prometheus,
        ALERTMANAGER_URL: stack.urls.alertmanager,
        HOST: '127.0.0.1',
        PORT: String(port),
        PROMWALL_BASE_PATH: BASE_PATH,
        // A second replica on the same database: it lists the same history and walls.
        PROMWALL_DATABASE_URL: stack.urls.database,
        PROMWALL_HISTORY_INTERVAL: '1s',
      }),
    );
    process.env.PROMWALL_PREFIXED_URL = `http://127.0.0.1:${port}${BASE_PATH}`;

    const { file, tokens } = writeTokenConfig(options.dataDir);
    await guarded.start(
      promwallService({
        PROMETHEUS_URL: stack.urls.prometheus,
        ALERTMANAGER_URL: stack.urls.alertmanager,
        HOST: '127.0.0.1',
        PORT: String(guardedPort),
        PROMWALL_CONFIG: file,
        // Every request logged, so that a test can read that no token reached the log.
        LOG_LEVEL: 'debug',
      }),
    );
    process.env.PROMWALL_GUARDED_URL = `http://127.0.0.1:${guardedPort}`;
    process.env.PROMWALL_GUARDED_TOKENS = JSON.stringify(tokens);
    process.env.PROMWALL_GUARDED_LOG = join(guardedLogs, 'promwall.log');
  } catch (error) {
    await stop();
    throw error;
  }
  process.env.PROMWALL_URL = stack.urls.promwall;
  process.env.PROMWALL_PROMETHEUS_URL = stack.urls.prometheus;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const summary = (await (await fetch(`${stack.urls.promwall}/api/v1/summary`)).json()) as {
      metrics?: Record<string, { value: number | null }>;
    };
    if (summary.metrics && Object.values(summary.metrics).every((metric) => metric.value !== null)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack's headline metrics have no values after 90 s: ${JSON.stringify(summary)}`);
    }
    await sleep(1_000);
  }
  return stop;
}
