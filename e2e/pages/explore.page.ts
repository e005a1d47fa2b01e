import type { Locator, Page } from '@playwright/test';
import { urlUnder } from '../fixtures.ts';

/** Explore: the PromQL editor (inside a shadow root, which CSS locators pierce) and its views. */
export class ExplorePage {
  readonly editor: Locator;
  readonly run: Locator;
  readonly tableTab: Locator;
  readonly graphTab: Locator;
  readonly table: Locator;
  readonly graph: Locator;
  readonly error: Locator;
  readonly completions: Locator;

  constructor(private readonly page: Page) {
    this.editor = page.getByTestId('promql-editor').locator('.cm-content');
    this.run = page.getByTestId('run-query');
    this.tableTab = page.getByTestId('explore-tab-table');
    this.graphTab = page.getByTestId('explore-tab-graph');
    this.table = page.getByTestId('explore-table');
    this.graph = page.getByTestId('explore-graph');
    this.error = page.getByTestId('explore-error');
    this.completions = page.locator('.cm-tooltip-autocomplete li');
  }

  async open(base: string, search = ''): Promise<void> {
    await this.page.goto(urlUnder(base, `/explore${search}`));
  }

  async type(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.type(text);
  }

  async pickCompletion(label: string): Promise<void> {
    await this.completions.filter({ hasText: label }).first().click();
  }
}
