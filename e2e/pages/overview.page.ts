import type { Locator, Page } from '@playwright/test';
import { urlUnder } from '../fixtures.ts';

export const HEADLINE_KEYS = ['cpu', 'memory', 'dbConnections', 'rps', 'latencyP95'] as const;

/** The overview: stat tiles, charts, and the targets and alerts panels. */
export class OverviewPage {
  readonly targetsPanel: Locator;
  readonly alertsPanel: Locator;
  readonly range: Locator;

  constructor(private readonly page: Page) {
    this.targetsPanel = page.getByTestId('targets-panel');
    this.alertsPanel = page.getByTestId('alerts-panel');
    this.range = page.getByLabel('Range');
  }

  async open(base: string, search = ''): Promise<void> {
    await this.page.goto(urlUnder(base, `/${search}`));
  }

  tile(key: string): Locator {
    return this.page.getByTestId(`stat-tile-${key}`);
  }

  tileNumber(key: string): Locator {
    return this.tile(key).locator('.stat-tile__number');
  }

  chart(key: string): Locator {
    return this.page.getByTestId(`chart-${key}`);
  }

  chartLines(key: string): Locator {
    return this.chart(key).locator('path.recharts-curve');
  }
}
