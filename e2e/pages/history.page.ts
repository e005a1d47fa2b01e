import type { Locator, Page } from '@playwright/test';
import { urlUnder } from '../fixtures.ts';

/** The History page: pickers, one chart of the stored figures, their statistics and the CSV links. */
export class HistoryPage {
  readonly chart: Locator;
  readonly lines: Locator;
  readonly stats: Locator;
  readonly caption: Locator;
  readonly instance: Locator;
  readonly resolution: Locator;
  readonly download: Locator;

  constructor(private readonly page: Page) {
    this.chart = page.getByTestId('history-chart');
    this.lines = this.chart.locator('path.recharts-curve');
    this.stats = page.getByTestId('history-stats');
    this.caption = page.getByTestId('history-caption');
    this.instance = page.getByRole('combobox', { name: 'Instance' });
    this.resolution = page.getByRole('combobox', { name: 'Resolution' });
    this.download = page.getByRole('link', { name: 'Download CSV' });
  }

  async open(base: string, search = ''): Promise<void> {
    await this.page.goto(urlUnder(base, `/history${search}`));
  }

  /** The last `minutes` of raw rounds: what a young stack has recorded. */
  static recentRounds(minutes: number, extra: Record<string, string> = {}): string {
    const now = Date.now();
    return `?${new URLSearchParams({
      from: new Date(now - minutes * 60_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
      resolution: 'raw',
      ...extra,
    })}`;
  }

  metric(title: string): Locator {
    return this.page.getByRole('group', { name: 'Metric' }).getByRole('button', { name: title });
  }
}
