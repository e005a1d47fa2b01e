import { readFile } from 'node:fs/promises';
import { expect, prefixedUrl, promwallUrl, test } from './fixtures.ts';
import { HistoryPage } from './pages/history.page.ts';
import { ShellPage } from './pages/shell.page.ts';

// The stack's Promwall records every second into the stack's PostgreSQL (globalSetup).
const base = () => promwallUrl('/');

test.describe('history', () => {
  test('is in the top bar, and charts the rounds recorded, with their figures', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open('/');
    await shell.navLink('History').click();
    await expect(page).toHaveURL(promwallUrl('/history'));
    await expect(page).toHaveTitle('History · Promwall');

    const history = new HistoryPage(page);
    await history.open(base(), HistoryPage.recentRounds(10));
    await expect(history.lines.first()).toBeVisible({ timeout: 30_000 });
    await expect(history.caption).toContainText('Every round (1s apart)');
    await expect(history.caption).toContainText('recorded every 1s');
    await expect(history.stats).toContainText(/Mean\s*[\d.]+%/);
  });

  test('keeps metric, instance and resolution in the URL', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(base(), HistoryPage.recentRounds(10));
    await history.metric('Requests/s').click();
    await expect(page).toHaveURL(/[?&]metric=rps\b/);
    await expect(history.lines.first()).toBeVisible({ timeout: 30_000 });

    const instance = (await history.instance.locator('option').nth(1).getAttribute('value'))!;
    await history.instance.selectOption(instance);
    await expect(page).toHaveURL(new RegExp(`[?&]instance=${encodeURIComponent(instance)}`));
    await expect(history.chart).toContainText(`Requests/s · ${instance}`);
    await expect(history.lines.first()).toBeVisible({ timeout: 30_000 });

    await page.reload();
    await expect(history.instance).toHaveValue(instance);
    await expect(history.resolution).toHaveValue('raw');
  });

  test.describe(() => {
    // The browser reports the API's 400 answer on the console itself.
    test.use({ allowedConsoleErrors: [/status of 400/] });

    test('says so when a range asks for more points than a chart may hold', async ({ page }) => {
      const history = new HistoryPage(page);
      await history.open(base(), '?range=year&resolution=raw');
      await expect(history.chart.getByRole('alert')).toContainText('at most 11000 are allowed');
    });
  });

  test('downloads the range as CSV in the standard format', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(base(), HistoryPage.recentRounds(10, { metric: 'memory' }));
    await expect(history.lines.first()).toBeVisible({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), history.download.click()]);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');

    expect(download.suggestedFilename()).toMatch(/^promwall-history-memory-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv$/);
    expect(lines[0]).toBe('metric_name,metric_value,timestamp,labels,source,data_type');
    expect(lines.length).toBeGreaterThan(10);
    expect(
      lines.slice(1).every((line) => /^memory,[\d.e+-]+,\d{4}-\d\d-\d\dT[\d:.]+Z,.*,prometheus,metric$/.test(line)),
    ).toBe(true);
  });

  test('stays under the base path, links and downloads included', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(prefixedUrl('/'), HistoryPage.recentRounds(10));
    await expect(history.lines.first()).toBeVisible({ timeout: 30_000 });
    expect(await history.download.getAttribute('href')).toMatch(/^\/promwall\/api\/v1\/history\/export\?/);
    const [download] = await Promise.all([page.waitForEvent('download'), history.download.click()]);
    expect((await readFile((await download.path())!, 'utf8')).split('\n')[0]).toBe(
      'metric_name,metric_value,timestamp,labels,source,data_type',
    );
  });
});
