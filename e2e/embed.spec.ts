import { expect, test } from '@playwright/test';
import { TvWall } from './pages/tv.page.ts';

test.describe('/embed', () => {
  test.use({ viewport: { width: 640, height: 360 } });

  test('renders one tile full-frame, framed by this origin only', async ({ page }) => {
    const embed = new TvWall(page);
    const response = await page.goto(embed.url('/embed/cpu'));
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');

    await expect(page.getByTestId('embed')).toHaveAttribute('data-panel', 'cpu');
    await expect(embed.tiles).toHaveCount(1);
    await expect(embed.values).not.toHaveText('—', { timeout: 20_000 });
    const tile = (await embed.tile('cpu').boundingBox())!;
    expect(tile.width).toBeGreaterThan(0.9 * 640);
    expect(tile.height).toBeGreaterThan(0.75 * 360);
    await embed.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('embed-cpu-640x360.png') });
  });

  test('renders a chart of one headline metric', async ({ page }) => {
    const embed = new TvWall(page);
    await page.goto(embed.url('/embed/rps/chart?range=15m'));
    const chart = page.getByTestId('embed-chart');
    await expect(chart).toHaveAttribute('data-metric', 'rps');
    await expect(chart).toContainText('last 15m');
    await expect(chart.locator('.tv-spark__line')).toHaveAttribute('d', /^M/, { timeout: 20_000 });
    await embed.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('embed-rps-chart-640x360.png') });
  });

  test('renders the alerts list', async ({ page }) => {
    const embed = new TvWall(page);
    await page.goto(embed.url('/embed/alerts?theme=light'));
    await expect(embed.alertsBand).toBeVisible();
    await expect(embed.updated).toContainText('updated', { timeout: 20_000 });
    await embed.expectFitsScreen();
    await page.screenshot({ path: test.info().outputPath('embed-alerts-640x360.png') });
  });

  test('says clearly when no panel has that name', async ({ page }) => {
    const embed = new TvWall(page);
    await page.goto(embed.url('/embed/nope'));
    const message = page.getByTestId('embed-unknown');
    await expect(message).toContainText('No panel named “nope”');
    await expect(message).toContainText('cpu, memory, dbConnections, rps, latencyP95');
    await expect(message).toContainText('latencyP95/chart');
  });

  test('names a headline metric by its id, and leads the older names there', async ({ page }) => {
    const embed = new TvWall(page);
    await page.goto(embed.url('/embed/latencyP95'));
    await expect(page.getByTestId('embed')).toHaveAttribute('data-panel', 'latencyP95');
    await expect(embed.tile('latencyP95')).toBeVisible();

    await page.goto(embed.url('/embed/latency-p95?theme=light'));
    await expect(page).toHaveURL(/\/embed\/latencyP95\?theme=light$/);
    await expect(embed.tile('latencyP95')).toBeVisible();

    await page.goto(embed.url('/embed/rps-chart?range=15m'));
    await expect(page).toHaveURL(/\/embed\/rps\/chart\?range=15m$/);
    await expect(page.getByTestId('embed-chart')).toHaveAttribute('data-metric', 'rps');
  });

  test('cannot be framed by another origin', async ({ page }) => {
    const embed = new TvWall(page);
    await page.setContent(`<iframe src="${embed.url('/embed/cpu')}" width="600" height="300"></iframe>`);
    await page.waitForTimeout(2_000);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    const rendered = frame
      ? await frame
          .locator('[data-testid="embed"]')
          .count()
          .catch(() => 0)
      : 0;
    expect(rendered).toBe(0);
  });
});
