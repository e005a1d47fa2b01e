import { setTimeout as sleep } from 'node:timers/promises';
import { startTestStack } from '@promwall/stack/testing';

/** Starts the whole stack once for every end-to-end test, and stops it afterwards. Tests start
 * once every headline metric has a value, so none of them waits on the first scrapes. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { stack } = await startTestStack('e2e');
  process.env.PROMWALL_URL = stack.urls.promwall;
  process.env.PROMWALL_PROMETHEUS_URL = stack.urls.prometheus;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const summary = (await (await fetch(`${stack.urls.promwall}/api/v1/summary`)).json()) as {
      metrics?: Record<string, { value: number | null }>;
    };
    if (summary.metrics && Object.values(summary.metrics).every((metric) => metric.value !== null)) break;
    if (Date.now() > deadline) {
      await stack.stop();
      throw new Error(`the stack's headline metrics have no values after 90 s: ${JSON.stringify(summary)}`);
    }
    await sleep(1_000);
  }
  return () => stack.stop();
}
