// Code inside page.evaluate runs in the browser; the root tsconfig checks Node code only.
/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { TvWall } from './pages/tv.page.ts';

const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;
/** Headline figures must be readable across a room on a 4K TV that cannot zoom. */
const MIN_4K_FIGURE_PX = 64;

test.describe('the wall on the shared stack', () => {
  for (const screen of SCREENS) {
    test(`fills ${screen.width}×${screen.height} with no scrollbar and nothing cut off`, async ({ page }) => {
      await page.setViewportSize(screen);
      const tv = new TvWall(page);
      await tv.open();
      await tv.waitUntilLive();
      await expect(tv.tiles).toHaveCount(5);
      await tv.expectFitsScreen();
      if (screen.width === 3840) {
        for (const height of await tv.valueHeights()) expect(height).toBeGreaterThanOrEqual(MIN_4K_FIGURE_PX);
      }
      await page.screenshot({ path: test.info().outputPath(`tv-${screen.width}x${screen.height}.png`) });
    });
  }

  test('reflows into rows on a portrait screen, its figures as large as on the same screen landscape', async ({
    page,
  }) => {
    const tv = new TvWall(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await tv.open();
    await tv.waitUntilLive();
    const landscape = Math.min(...(await tv.valueHeights()));

    await page.setViewportSize({ width: 1080, height: 1920 });
    await tv.expectFitsScreen();
    const tops = await tv.tiles.evaluateAll((tiles) =>
      tiles.map((tile) => Math.round(tile.getBoundingClientRect().top)),
    );
    expect(new Set(tops).size, 'rows of tiles').toBe(3);
    expect(Math.min(...(await tv.valueHeights()))).toBeGreaterThanOrEqual(0.95 * landscape);
    const widths = await tv.tiles.evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(0.4 * 1080);
    await page.screenshot({ path: test.info().outputPath('tv-1080x1920.png') });
  });

  test('shows the full-screen alerts and targets pages within the screen too', async ({ page }) => {
    const tv = new TvWall(page);
    for (const name of ['alerts', 'targets']) {
      await tv.open(`?pages=${name}`);
      await expect(tv.root).toHaveAttribute('data-page', name);
      await tv.waitUntilLive();
      await tv.expectFitsScreen();
      await page.screenshot({ path: test.info().outputPath(`tv-${name}-page-1920x1080.png`) });
    }
  });

  test('takes a light theme from the URL and its own dark one otherwise, whatever the app stored', async ({ page }) => {
    const tv = new TvWall(page);
    await tv.open();
    await page.evaluate(() => localStorage.setItem('promwall.theme', 'light'));
    await tv.open();
    await expect(tv.root).toHaveAttribute('data-theme', 'dark');
    await expect(tv.root).toHaveCSS('background-color', 'rgb(0, 0, 0)');
    await tv.open('?theme=light');
    await tv.waitUntilLive();
    await expect(tv.root).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await tv.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('tv-light-1920x1080.png') });
  });

  test('ignores unknown parameters and bad values with a small notice, and applies the rest', async ({ page }) => {
    const tv = new TvWall(page);
    await tv.open('?foo=1&refresh=abc&tiles=cpu,rps&panels=alerts&title=NOC');
    await expect(tv.notice).toHaveText('ignored: foo, refresh=abc');
    await expect(tv.tiles).toHaveCount(2);
    await expect(tv.tile('cpu')).toBeVisible();
    await expect(tv.tile('rps')).toBeVisible();
    await expect(tv.targetsStrip).toHaveCount(0);
    await expect(tv.alertsBand).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('NOC');
  });

  test('is a kiosk: nothing to click, Escape does nothing, the pointer hides when the mouse rests', async ({
    page,
  }) => {
    const tv = new TvWall(page);
    await tv.open();
    await tv.waitUntilLive();
    await expect(page.locator('a, button, input, select, textarea, [title]')).toHaveCount(0);
    await page.mouse.move(200, 200);
    await expect(page.locator('html')).not.toHaveClass(/tv-screen--idle/);
    await expect(page.locator('html')).toHaveClass(/tv-screen--idle/, { timeout: 6_000 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.tv-tile')!).cursor)).toBe('none');
    await page.mouse.move(300, 300);
    await expect(page.locator('html')).not.toHaveClass(/tv-screen--idle/);

    const url = page.url();
    await page.keyboard.press('Escape');
    expect(page.url()).toBe(url);
    await expect(tv.root).toBeVisible();
  });
});

/** Lets a wall refresh every second and keeps the API's rate limit out of the way. */
function fastWallConfig(dir: string): string {
  const path = join(dir, 'promwall.yml');
  writeFileSync(
    path,
    [
      'tv:',
      '  refresh: 1s',
      '  minRefresh: 250ms',
      'cache:',
      '  ttl: 250ms',
      'limits:',
      '  rateLimit:',
      '    requests: 100000',
      '    per: 1m',
      '',
    ].join('\n'),
  );
  return path;
}

const REFRESH_MS = 1_000;

// These tests stop and start parts of a stack of their own, so no other spec is disturbed.
test.describe('the wall through outages, on its own stack', () => {
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  let stack: Stack | undefined;
  let configDir: string | undefined;
  let baseUrl = '';

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    configDir = mkdtempSync(join(tmpdir(), 'promwall-tv-e2e-'));
    ({ stack } = await startTestStack('e2e-tv', { promwallEnv: { PROMWALL_CONFIG: fastWallConfig(configDir) } }));
    baseUrl = stack.urls.promwall;
  });

  test.afterAll(async () => {
    test.setTimeout(60_000);
    await stack?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test('reports a heartbeat and is listed as an alive display', async ({ page, request }) => {
    const tv = new TvWall(page, baseUrl);
    await tv.open('?id=e2e-wall');
    await tv.waitUntilLive();
    await expect
      .poll(async () => {
        const body = (await (await request.get(tv.url('/api/v1/displays'))).json()) as {
          displays: { id: string; alive: boolean }[];
        };
        return body.displays.find((display) => display.id === 'e2e-wall');
      })
      .toMatchObject({
        id: 'e2e-wall',
        alive: true,
        page: '/tv?id=e2e-wall',
        refreshMs: REFRESH_MS,
        version: expect.any(String),
      });
  });

  test('rotates through its pages', async ({ page }) => {
    const tv = new TvWall(page, baseUrl);
    await tv.open('?pages=overview,alerts&rotate=2s');
    await expect(tv.root).toHaveAttribute('data-page', 'overview');
    await expect(tv.tiles).toHaveCount(5);
    await expect(tv.root).toHaveAttribute('data-page', 'alerts', { timeout: 5_000 });
    await expect(tv.alertsBand).toHaveClass(/tv-band--board/);
    await page.screenshot({ path: test.info().outputPath('tv-rotation-alerts.png') });
    await expect(tv.root).toHaveAttribute('data-page', 'overview', { timeout: 5_000 });
  });

  test('reloads itself when a refresh hangs although the API answers', async ({ page }) => {
    const tv = new TvWall(page, baseUrl);
    // The summary never answers; the configuration (the watchdog's sign of a live API) does.
    await page.route('**/api/v1/summary*', () => undefined);
    await tv.open();
    await tv.markWindow();
    const reloaded = page.waitForEvent('framenavigated', { timeout: 90_000 });
    await expect(tv.staleBanner).toContainText('timing out', { timeout: 30_000 });
    await reloaded;
    await expect(tv.root).toBeVisible();
    expect(await tv.windowStillMarked()).toBe(false);
    // Read while the summary still hangs: the first refresh that completes resets the count.
    expect(await page.evaluate(() => sessionStorage.getItem('promwall.tv.watchdogReloads'))).toBe('1');
    await page.unroute('**/api/v1/summary*');
    await tv.waitUntilLive(60_000);
    // A completed refresh resets the count, so the next stall is met without delay.
    await expect
      .poll(() => page.evaluate(() => sessionStorage.getItem('promwall.tv.watchdogReloads')), { timeout: 10_000 })
      .toBeNull();
  });

  test('keeps the last values marked stale while Prometheus is down, and clears by itself', async ({ page }) => {
    const tv = new TvWall(page, baseUrl);
    await tv.open();
    await tv.waitUntilLive();
    await tv.markWindow();
    const before = await tv.valueTexts();
    expect(before).not.toContain('—');

    await stack!.stopService('prometheus');
    await expect(tv.staleBanner).toBeVisible({ timeout: 2 * REFRESH_MS + 1_000 });
    await expect(tv.staleBanner).toContainText(/Stale since \d\d:\d\d:\d\d .*Prometheus unreachable/);
    await expect(tv.tile('cpu')).toHaveAttribute('data-stale', 'true');
    const kept = await tv.valueTexts();
    expect(kept).toHaveLength(before.length);
    expect(kept).not.toContain('—');
    await page.waitForTimeout(3 * REFRESH_MS);
    expect(await tv.valueTexts()).toEqual(kept);
    await tv.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('tv-prometheus-down.png') });

    await stack!.restartService('prometheus');
    await expect(tv.staleBanner).toHaveCount(0, { timeout: 60_000 });
    await tv.waitUntilLive();
    expect(await tv.windowStillMarked()).toBe(true);
  });

  test('turns the alerts band prominent when a critical alert fires, naming the down target', async ({ page }) => {
    const tv = new TvWall(page, baseUrl);
    await tv.open();
    await tv.waitUntilLive();
    await expect(tv.alertsBand).toHaveAttribute('data-urgent', 'false');

    await stack!.stopService('node-exporter');
    await expect(tv.downTargets).toContainText('node', { timeout: 15_000 });
    // InstanceDown fires after 30 s down.
    await expect(tv.alertsBand).toHaveAttribute('data-urgent', 'true', { timeout: 75_000 });
    await expect(tv.alerts.first()).toHaveAttribute('data-severity', 'critical');
    await expect(tv.alerts.first()).toContainText(/InstanceDown.*firing \d+/);
    await tv.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('tv-critical-alert.png') });

    await stack!.restartService('node-exporter');
    await expect(tv.downTargets).toHaveCount(0, { timeout: 15_000 });
  });

  test('waits through a Promwall outage without reloading, and recovers by itself', async ({ page }) => {
    const tv = new TvWall(page, baseUrl);
    await tv.open();
    await tv.waitUntilLive();
    await tv.markWindow();

    await stack!.stopService('promwall');
    await expect(tv.staleBanner).toContainText('Promwall API unreachable', { timeout: 2 * REFRESH_MS + 1_000 });
    const kept = await tv.valueTexts();
    expect(kept).toHaveLength(5);
    await page.waitForTimeout(3 * REFRESH_MS);
    expect(await tv.valueTexts()).toEqual(kept);
    await page.screenshot({ path: test.info().outputPath('tv-api-down.png') });
    // Longer than the watchdog's limit: a reload now would leave the browser's error page.
    await page.waitForTimeout(25_000);
    expect(await tv.windowStillMarked()).toBe(true);

    await stack!.restartService('promwall');
    await expect(tv.staleBanner).toHaveCount(0, { timeout: 30_000 });
    await tv.waitUntilLive();
    expect(await tv.windowStillMarked()).toBe(true);
  });
});
