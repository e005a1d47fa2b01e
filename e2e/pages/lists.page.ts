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

  /** An admin's Silence form under a row, opened by its Silence… button. */
  silenceForm(row: Locator): SilenceForm {
    return new SilenceForm(row);
  }

  /** The notes under a row that say who silenced it, until when and why. */
  silenceNotes(row: Locator): Locator {
    return row.getByTestId('silence-note');
  }
}

/** The Silence form of one alert row. */
export class SilenceForm {
  readonly open: Locator;
  readonly form: Locator;
  readonly duration: Locator;
  readonly comment: Locator;
  readonly submit: Locator;
  readonly problem: Locator;

  constructor(row: Locator) {
    this.open = row.getByRole('button', { name: 'Silence…' });
    this.form = row.getByRole('form', { name: /^Silence / });
    this.duration = this.form.getByLabel('For');
    this.comment = this.form.getByLabel('Why');
    this.submit = this.form.getByRole('button', { name: /^Silence for / });
    this.problem = this.form.getByRole('alert');
  }

  matcher(name: string, value: string): Locator {
    return this.form.getByRole('checkbox', { name: `${name}="${value}"` });
  }
}
