import { startTestStack } from '../stack/test/test-stack.ts';

/** Starts the whole stack once for every end-to-end test, and stops it afterwards. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { stack } = await startTestStack('e2e');
  process.env.PROMWALL_URL = stack.urls.promwall;
  process.env.PROMWALL_PROMETHEUS_URL = stack.urls.prometheus;
  return () => stack.stop();
}
