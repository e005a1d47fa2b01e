import type { Page } from '@playwright/test';
import { expect, prefixedUrl, test } from './fixtures.ts';
import { ExplorePage } from './pages/explore.page.ts';
import { AlertsPage, TargetsPage } from './pages/lists.page.ts';
import { OverviewPage } from './pages/overview.page.ts';
import { ShellPage } from './pages/shell.page.ts';
import { TvWall } from './pages/tv.page.ts';

// A second Promwall, started by globalSetup with PROMWALL_BASE_PATH=/promwall against the same
// stack: the app, its assets, the API and every link and request must stay below the prefix.
const base = () => prefixedUrl('/');

/** Every URL the page asks for, to check that none leaves the prefix. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

function expectAllUnderPrefix(urls: string[]): void {
  expect(urls.length).toBeGreaterThan(0);
  const outside = urls.filter((url) => !url.startsWith(prefixedUrl('/')));
  expect(outside, 'requests outside /promwall/').toEqual([]);
}

test.describe('under the base path /promwall', () => {
  test('goes through every page by the top bar, and Back returns through them', async ({ page }) => {
    const requests = recordRequests(page);
    const shell = new ShellPage(page);
    const overview = new OverviewPage(page);
    // A short range: the stack is young, and a line over an hour would be a dot at its right end.
    await overview.open(base(), '?range=5m');
    await expect(overview.tile('cpu')).not.toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
    await expect(overview.chartLines('cpu').first()).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveTitle('Promwall');
    await page.screenshot({ path: test.info().outputPath('promwall-overview-1920x1080.png') });

    await shell.navLink('Explore').click();
    await expect(page).toHaveURL(prefixedUrl('/explore'));
    await expect(page).toHaveTitle('Explore · Promwall');
    await expect(new ExplorePage(page).editor).toBeVisible();

    await shell.navLink('Targets').click();
    await expect(page).toHaveURL(prefixedUrl('/targets'));
    const targets = new TargetsPage(page);
    await expect(targets.rows).toHaveCount(5, { timeout: 30_000 });
    await expect(shell.navLink('Targets')).toHaveAttribute('aria-current', 'page');

    await shell.navLink('Alerts').click();
    await expect(page).toHaveURL(prefixedUrl('/alerts'));
    await expect(new AlertsPage(page).counts).toBeVisible();

    await page.goBack();
    await expect(page).toHaveURL(prefixedUrl('/targets'));
    await expect(targets.rows).toHaveCount(5);
    await page.goBack();
    await expect(page).toHaveURL(prefixedUrl('/explore'));
    await page.goBack();
    await expect(page).toHaveURL(prefixedUrl('/?range=5m'));
    await expect(overview.range).toHaveValue('5m');

    await shell.navLink('Overview').click();
    await page.getByRole('link', { name: 'All targets' }).click();
    await expect(page).toHaveURL(prefixedUrl('/targets'));
    expectAllUnderPrefix(requests);
  });

  test('runs a query typed with completion through /promwall/api/prom', async ({ page }) => {
    const requests = recordRequests(page);
    const explore = new ExplorePage(page);
    await explore.open(base(), '?range=5m');
    await explore.type('rate(app_req');
    await explore.pickCompletion('app_request_total');
    await page.keyboard.type('[1m]');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/promwall\/explore\?.*expr=rate%28app_request_total%5B1m%5D%29/);
    await expect(explore.table).toContainText('job="demo"', { timeout: 15_000 });
    await explore.graphTab.click();
    await expect(explore.graph.locator('path.recharts-curve').first()).toBeVisible({ timeout: 15_000 });

    expect(requests.some((url) => url.startsWith(prefixedUrl('/api/prom/api/v1/')))).toBe(true);
    expectAllUnderPrefix(requests);
  });

  test('keeps a deep link through a reload, and Back undoes a filter', async ({ page }) => {
    const requests = recordRequests(page);
    const targets = new TargetsPage(page);
    await targets.open(base(), '?health=down');
    await expect(page.getByText('No targets match these filters')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page).toHaveTitle('Targets · Promwall');
    await expect(page.getByText('No targets match these filters')).toBeVisible({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(prefixedUrl('/targets'));
    await expect(targets.rows).toHaveCount(5);
    await page.goBack();
    await expect(page).toHaveURL(prefixedUrl('/targets?health=down'));
    await expect(targets.rows).toHaveCount(0);
    expectAllUnderPrefix(requests);
  });

  test('opens the TV wall from the top bar as a page of its own', async ({ page }) => {
    const requests = recordRequests(page);
    const wall = new TvWall(page, base());
    await new OverviewPage(page).open(base());
    await wall.markWindow();
    await new ShellPage(page).navLink('TV').click();
    await expect(page).toHaveURL(prefixedUrl('/tv'));
    await expect(wall.root).toBeVisible();
    expect(await wall.windowStillMarked()).toBe(false);
    await wall.waitUntilLive();
    await wall.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('promwall-tv-1920x1080.png') });
    expectAllUnderPrefix(requests);
  });

  test.describe('at 4K', () => {
    test.use({ viewport: { width: 3840, height: 2160 } });

    test('fills the screen with the wall', async ({ page }) => {
      const wall = new TvWall(page, base());
      await wall.open();
      await wall.waitUntilLive();
      await wall.expectFitsScreen();
      await page.screenshot({ path: test.info().outputPath('promwall-tv-3840x2160.png') });
    });
  });

  test('serves an embed with its frame policy', async ({ page }) => {
    const requests = recordRequests(page);
    const embed = new TvWall(page, base());
    const response = await page.goto(embed.url('/embed/cpu'));
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    await expect(page.getByTestId('embed')).toHaveAttribute('data-panel', 'cpu');
    await expect(embed.values).not.toHaveText('—', { timeout: 20_000 });
    expectAllUnderPrefix(requests);
  });

  test('redirects the bare prefix and the root to the app, and answers nothing else outside it', async ({
    page,
    request,
  }) => {
    const root = new URL(base()).origin;
    const fromRoot = await request.get(`${root}/`, { maxRedirects: 0 });
    expect(fromRoot.status()).toBe(302);
    expect(fromRoot.headers().location).toBe('/promwall/');
    const outside = await request.get(`${root}/healthz`);
    expect(outside.status()).toBe(404);
    expect(await outside.json()).toMatchObject({ error: { code: 'not_found' } });

    await page.goto(prefixedUrl(''));
    await expect(page).toHaveURL(base());
    await expect(page.getByTestId('app-shell')).toBeVisible();
  });
});
