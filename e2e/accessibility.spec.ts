import { seriousViolations } from './axe.ts';
import { expect, promwallUrl, test } from './fixtures.ts';
import { HistoryPage } from './pages/history.page.ts';

const PAGES = [
  { name: 'overview', path: '/?range=15m', ready: '[data-testid="stat-tile-cpu"]:not([data-status="unknown"])' },
  {
    name: 'explore',
    path: '/explore?expr=sum%20by%20(job)%20(rate(app_request_total%5B1m%5D))',
    ready: '[data-testid="explore-table"]',
  },
  { name: 'targets', path: '/targets', ready: '[data-testid="target-row"]' },
  { name: 'alerts', path: '/alerts', ready: '[data-testid="alert-counts"]' },
  {
    name: 'history',
    path: `/history${HistoryPage.recentRounds(10)}`,
    ready: '[data-testid="history-chart"] path.recharts-curve',
  },
];

for (const theme of ['dark', 'light'] as const) {
  for (const { name, path, ready } of PAGES) {
    test(`${name} in the ${theme} theme has no serious accessibility violation`, async ({ page }) => {
      await page.addInitScript((choice) => localStorage.setItem('promwall.theme', choice), theme);
      await page.goto(promwallUrl(path));
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Let charts draw before the picture and the scan.
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: test.info().outputPath(`${name}-${theme}-1920x1080.png`) });

      const serious = await seriousViolations(page);
      expect(serious).toEqual([]);
    });
  }
}
