import { expect, test as base } from '@playwright/test';

export interface Fixtures {
  /** Console messages an outage test expects (e.g. the browser reporting a 502). */
  allowedConsoleErrors: RegExp[];
}

/**
 * Every page opened through this `test` fails its test on a console error or an uncaught
 * exception, unless the test allows that message.
 */
export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  page: async ({ page, allowedConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !allowedConsoleErrors.some((allowed) => allowed.test(message.text()))) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

export function promwallUrl(path = '/'): string {
  const base = process.env.PROMWALL_URL;
  if (!base) throw new Error('PROMWALL_URL is not set: e2e/globalSetup.ts starts the stack');
  return new URL(path, base).toString();
}
