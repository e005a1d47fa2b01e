// Code inside page.evaluate runs in the browser; the root tsconfig checks Node code only.
/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test';
import { urlUnder } from '../fixtures.ts';
import { promwallUrl } from './shell.page.ts';

/** Where something sits on screen, and whether its own content fits inside it. */
export interface Placement {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** The element's content is wider or taller than the element: text cut off inside it. */
  overflows: boolean;
}

export interface ScreenFit {
  viewport: { width: number; height: number };
  scroll: { width: number; height: number };
  placements: Placement[];
}

/** The TV wall (/tv) and its embeds (/embed/…): one screen, no controls. */
export class TvWall {
  readonly root: Locator;
  readonly tiles: Locator;
  readonly values: Locator;
  readonly staleBanner: Locator;
  readonly updated: Locator;
  readonly notice: Locator;
  readonly targetsStrip: Locator;
  readonly downTargets: Locator;
  readonly alertsBand: Locator;
  readonly alerts: Locator;
  readonly clock: Locator;

  constructor(
    private readonly page: Page,
    private readonly baseUrl: string = promwallUrl(),
  ) {
    this.root = page.getByTestId('tv');
    this.tiles = page.getByTestId('tv-tile');
    this.values = page.getByTestId('tv-value');
    this.staleBanner = page.getByTestId('tv-stale-banner');
    this.updated = page.getByTestId('tv-updated');
    this.notice = page.getByTestId('tv-notice');
    this.targetsStrip = page.getByTestId('tv-targets-strip');
    this.downTargets = page.getByTestId('tv-down-targets');
    this.alertsBand = page.getByTestId('tv-alerts-band');
    this.alerts = page.getByTestId('tv-alert');
    this.clock = page.getByTestId('tv-clock');
  }

  url(path: string): string {
    return urlUnder(this.baseUrl, path);
  }

  async open(query = ''): Promise<void> {
    const response = await this.page.goto(this.url(`/tv${query}`));
    expect(response?.status()).toBe(200);
    await expect(this.root).toBeVisible();
  }

  /** Waits until every part of the wall has answered and is current. */
  async waitUntilLive(timeout = 20_000): Promise<void> {
    await expect(this.updated).toContainText('Live', { timeout });
    await expect(this.root).toHaveAttribute('data-stale', 'false');
  }

  tile(metric: string): Locator {
    return this.page.locator(`[data-testid="tv-tile"][data-metric="${metric}"]`);
  }

  async valueTexts(): Promise<string[]> {
    return this.values.allTextContents();
  }

  /** The figures' rendered height in px: the larger of the box and the computed font size. */
  async valueHeights(): Promise<number[]> {
    return this.values.evaluateAll((elements) =>
      elements.map((element) =>
        Math.max(element.getBoundingClientRect().height, Number.parseFloat(getComputedStyle(element).fontSize)),
      ),
    );
  }

  /** The document's scroll size against the viewport, and where each visible part of the wall sits. */
  async screenFit(): Promise<ScreenFit> {
    return this.page.evaluate(() => {
      const selectors = [
        '[data-testid="tv-tile"]',
        '[data-testid="tv-value"]',
        '.tv-tile__title',
        '.tv-state',
        '.tv-spark',
        '.tv-header > *',
        '[data-testid="tv-targets-strip"]',
        '[data-testid="tv-alerts-band"]',
        '[data-testid="tv-alert"]',
        '.tv-band__more',
        '.tv-cell',
        '.tv-footer > *',
        '[data-testid="embed"] .tv-embed__panel',
        '[data-testid="embed-chart"]',
      ];
      const placements = Array.from(document.querySelectorAll<HTMLElement | SVGElement>(selectors.join(','))).map(
        (element) => {
          const box = element.getBoundingClientRect();
          const name = `${element.getAttribute('data-testid') ?? element.getAttribute('class') ?? element.tagName}${element.getAttribute('data-metric') ? `[${element.getAttribute('data-metric')}]` : ''}`;
          const overflows =
            element instanceof HTMLElement &&
            element.matches('[data-testid="tv-value"], .tv-tile__title, .tv-clock__time') &&
            (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
          return { name, left: box.left, top: box.top, right: box.right, bottom: box.bottom, overflows };
        },
      );
      return {
        viewport: { width: window.innerWidth, height: window.innerHeight },
        scroll: {
          width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
          height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
        },
        placements,
      };
    });
  }

  /** Asserts the page fills the viewport exactly: no scrollbar, nothing outside it, no figure cut off. */
  async expectFitsScreen(): Promise<void> {
    const fit = await this.screenFit();
    expect(fit.scroll, 'the document scrolls').toEqual(fit.viewport);
    expect(fit.placements.length).toBeGreaterThan(0);
    for (const placement of fit.placements) {
      const where = `${placement.name} at ${Math.round(placement.left)},${Math.round(placement.top)}–${Math.round(placement.right)},${Math.round(placement.bottom)}`;
      expect(placement.left, where).toBeGreaterThanOrEqual(0);
      expect(placement.top, where).toBeGreaterThanOrEqual(0);
      expect(placement.right, where).toBeLessThanOrEqual(fit.viewport.width);
      expect(placement.bottom, where).toBeLessThanOrEqual(fit.viewport.height);
      expect(placement.overflows, `${where} cuts its text off`).toBe(false);
    }
  }

  /** Sets a flag on the window: it survives anything but a reload. */
  async markWindow(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __e2eSameDocument?: boolean }).__e2eSameDocument = true;
    });
  }

  async windowStillMarked(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __e2eSameDocument?: boolean }).__e2eSameDocument === true);
  }

  async queryCacheSize(): Promise<number> {
    return this.page.evaluate(() =>
      (window as unknown as { __promwallQueryCacheSize: () => number }).__promwallQueryCacheSize(),
    );
  }
}
