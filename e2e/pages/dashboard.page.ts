import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { promwallUrl } from '../fixtures.ts';

/** A board of the dashboards folder at /d/{id}: its pickers, panels and their actions. */
export class BoardPage {
  readonly title: Locator;
  readonly error: Locator;
  readonly boardsMenu: Locator;

  constructor(private readonly page: Page) {
    this.title = page.locator('.board__heading h1');
    this.error = page.getByTestId('board-error');
    this.boardsMenu = page.getByTestId('boards-menu');
  }

  async open(id: string, query = ''): Promise<void> {
    const response = await this.page.goto(promwallUrl(`/d/${id}${query}`));
    expect(response?.status()).toBe(200);
  }

  panel(id: string): Locator {
    return this.page.getByTestId(`panel-${id}`);
  }

  variable(name: string): Locator {
    return this.page.getByTestId(`variable-${name}`);
  }

  /** Waits until a panel shows data: its state is neither loading nor a failure. */
  async expectPanelShowsData(id: string, timeout = 20_000): Promise<void> {
    await expect(this.panel(id).locator('[data-panel-state]').first()).toHaveAttribute('data-panel-state', 'ok', {
      timeout,
    });
  }

  /** Drags across a chart's plot from one fraction of its width to another. */
  async dragAcross(id: string, from: number, to: number): Promise<void> {
    const plot = this.panel(id).locator('.chart-hover');
    const box = (await plot.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 4 });
    await this.page.mouse.up();
  }

  async downloadCsv(id: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.panel(id).getByTestId('csv-download').click(),
    ]);
    return download;
  }

  exploreLinks(id: string): Locator {
    return this.panel(id).getByTestId('explore-link');
  }
}
