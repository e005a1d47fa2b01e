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

/** `path` below a Promwall's URL, which may end in its base path (`http://127.0.0.1:8470/promwall`). */
export function urlUnder(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function promwallUrl(path = '/'): string {
  const base = process.env.PROMWALL_URL;
  if (!base) throw new Error('PROMWALL_URL is not set: e2e/globalSetup.ts starts the stack');
  return urlUnder(base, path);
}

/** The second Promwall, served under the base path /promwall, against the same stack. */
export function prefixedUrl(path = '/'): string {
  const base = process.env.PROMWALL_PREFIXED_URL;
  if (!base) throw new Error('PROMWALL_PREFIXED_URL is not set: e2e/globalSetup.ts starts it');
  return urlUnder(base, path);
}
