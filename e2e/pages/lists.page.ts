import type { Locator, Page } from '@playwright/test';
import { urlUnder } from '../fixtures.ts';

/** The Targets page: counts, filters and rows grouped by job. */
export class TargetsPage {
  readonly rows: Locator;
  readonly counts: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('target-row');
    this.counts = page.getByTestId('target-counts');
  }

  async open(base: string, search = ''): Promise<void> {
    await this.page.goto(urlUnder(base, `/targets${search}`));
  }

  row(job: string): Locator {
    return this.page.locator(`[data-testid="target-row"][data-job="${job}"]`);
  }
}

/** The Alerts page: counts, filters and rows grouped by alert name. */
export class AlertsPage {
  readonly rows: Locator;
  readonly counts: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('alert-row');
    this.counts = page.getByTestId('alert-counts');
  }

  async open(base: string, search = ''): Promise<void> {
    await this.page.goto(urlUnder(base, `/alerts${search}`));
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="alert-row"][data-name="${name}"]`);
  }
}
