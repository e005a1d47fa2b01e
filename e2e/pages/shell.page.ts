import { expect, type Locator, type Page } from '@playwright/test';
import { promwallUrl } from '../fixtures.ts';

export { promwallUrl } from '../fixtures.ts';

/** The web app's frame: top bar and navigation. */
export class ShellPage {
  readonly shell: Locator;

  constructor(private readonly page: Page) {
    this.shell = page.getByTestId('app-shell');
  }

  async open(path = '/'): Promise<void> {
    const response = await this.page.goto(promwallUrl(path));
    expect(response?.status()).toBe(200);
  }

  navLink(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }
}
