import { expect, type Locator, type Page } from '@playwright/test';

/** The web app's frame: top bar, navigation and the API health panel. */
export class ShellPage {
  readonly shell: Locator;
  readonly health: Locator;

  constructor(private readonly page: Page) {
    this.shell = page.getByTestId('app-shell');
    this.health = page.getByTestId('api-health');
  }

  async open(path = '/'): Promise<void> {
    const response = await this.page.goto(new URL(path, promwallUrl()).toString());
    expect(response?.status()).toBe(200);
  }

  navLink(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }
}

export function promwallUrl(): string {
  const url = process.env.PROMWALL_URL;
  if (!url) throw new Error('PROMWALL_URL is not set: e2e/global-setup.ts starts the stack');
  return url;
}
