import { expect, promwallUrl, test } from './fixtures.ts';
import { ExplorePage } from './pages/explore.page.ts';
import { AlertsPage, TargetsPage } from './pages/lists.page.ts';
import { HEADLINE_KEYS, OverviewPage } from './pages/overview.page.ts';

const base = () => promwallUrl('/');

test.describe('overview', () => {
  test('shows a real value, state and sparkline in every tile, and lines in every chart', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open(base(), '?range=5m&refresh=5s');
    for (const key of HEADLINE_KEYS) {
      // A fresh stack needs a few scrapes before rates and quantiles have values.
      await expect(overview.tile(key)).not.toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
      await expect(overview.tileNumber(key)).toHaveText(/^[\d.]+[kMG]?$/);
      await expect(overview.tile(key).getByTestId(`sparkline-${key}`)).toBeVisible();
    }
    for (const key of HEADLINE_KEYS) {
      await expect(overview.chartLines(key).first()).toBeVisible({ timeout: 30_000 });
    }
    await expect(overview.targetsPanel).toContainText('All 5 targets up');
  });

  test('refreshes every 10 s unless the URL says otherwise', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open(base());
    await expect(page.getByLabel('Refresh')).toHaveValue('10s');
  });

  test('gives every value axis room for its labels: none wraps or runs off the chart', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open(base(), '?range=5m');
    for (const key of HEADLINE_KEYS) {
      const chart = overview.chart(key);
      await expect(overview.chartLines(key).first()).toBeVisible({ timeout: 30_000 });
      const ticks = await chart.locator('.recharts-yAxis-tick-labels text').evaluateAll((texts) =>
        texts.map((text) => ({
          label: text.textContent,
          lines: text.querySelectorAll('tspan').length,
          left: text.getBoundingClientRect().left,
        })),
      );
      const panelLeft = (await chart.boundingBox())!.x;
      expect(ticks.length, key).toBeGreaterThan(1);
      for (const tick of ticks) {
        expect(tick.lines, `${key}: ${tick.label}`).toBe(1);
        expect(tick.left, `${key}: ${tick.label}`).toBeGreaterThanOrEqual(panelLeft);
      }
    }
  });

  test('keeps the time range in the URL, through a reload', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open(base());
    await overview.range.selectOption('15m');
    await expect(page).toHaveURL(/[?&]range=15m\b/);
    await page.reload();
    await expect(overview.range).toHaveValue('15m');
    await expect(overview.tile('cpu')).not.toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
  });
});

test.describe('targets and alerts pages', () => {
  test('list every target up, grouped by job, and filter from the URL', async ({ page }) => {
    const targets = new TargetsPage(page);
    await targets.open(base());
    await expect(targets.rows).toHaveCount(5, { timeout: 30_000 });
    for (const job of ['alertmanager', 'demo', 'node', 'postgres', 'prometheus']) {
      await expect(targets.row(job)).toHaveAttribute('data-health', 'up');
    }
    await targets.open(base(), '?health=down');
    await expect(targets.rows).toHaveCount(0);
    await expect(page.getByText('No targets match these filters')).toBeVisible();
  });

  test('show the alert counts', async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.open(base());
    await expect(alerts.counts).toBeVisible();
    await expect(alerts.counts).toContainText(/Firing/i);
  });
});

test.describe('explore', () => {
  test('runs a query typed with autocomplete, as a table and as a graph', async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.open(base(), '?range=5m');
    await explore.type('rate(app_req');
    await explore.pickCompletion('app_request_total');
    await page.keyboard.type('[1m]');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/expr=rate%28app_request_total%5B1m%5D%29/);
    await expect(explore.table).toBeVisible();
    // rate() drops the metric name: the rows are the demo's series by their labels.
    await expect(explore.table).toContainText('job="demo"', { timeout: 15_000 });

    await explore.graphTab.click();
    await expect(page).toHaveURL(/tab=graph/);
    await expect(explore.graph.locator('path.recharts-curve').first()).toBeVisible({ timeout: 15_000 });
  });

  test('takes the offered completion on Tab', async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.open(base());
    await explore.type('app_request_tot');
    await expect(explore.completions.filter({ hasText: 'app_request_total' }).first()).toBeVisible();
    // A list that opened an instant ago takes no key yet: Tab then stays in the editor.
    await expect(async () => {
      await page.keyboard.press('Tab');
      await expect(explore.editor).toHaveText('app_request_total', { timeout: 300 });
    }).toPass({ timeout: 5_000 });
    await expect(explore.completions).toHaveCount(0);
    await expect(explore.editor).toBeFocused();
  });

  test('lists a dozen series in the legend and the rest behind “+N more”, with whole label values on hover', async ({
    page,
  }) => {
    const explore = new ExplorePage(page);
    // Four scrape_ series per target, five targets: twenty series whatever the machine.
    await explore.open(base(), `?range=5m&tab=graph&expr=${encodeURIComponent('{__name__=~"scrape_.+"}')}`);
    const legend = explore.graph.locator('.chart-legend');
    const more = legend.getByTestId('legend-more');
    await expect(more).toHaveText(/^\+\d+ more$/, { timeout: 15_000 });
    await expect(legend.locator('.chart-legend__item')).toHaveCount(11);
    const hidden = Number((await more.textContent())!.match(/\d+/)![0]);
    await more.click();
    await expect(legend.locator('.chart-legend__item')).toHaveCount(11 + hidden);

    const plot = explore.graph.locator('.chart-hover');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    const labels = explore.graph.locator('.chart-tooltip__label');
    await expect(labels.first()).toBeVisible();
    const cut = await labels.evaluateAll((cells) =>
      cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
    );
    expect(cut).toEqual([]);
    expect(await labels.allTextContents()).toContainEqual(expect.stringMatching(/instance="127\.0\.0\.1:\d+"/));
    await page.screenshot({ path: test.info().outputPath('explore-legend-tooltip-1920x1080.png') });
  });

  test.describe(() => {
    // The browser reports Prometheus's 400 answer on the console itself.
    test.use({ allowedConsoleErrors: [/status of 400/] });

    test("shows Prometheus's own message for a syntax error", async ({ page }) => {
      const explore = new ExplorePage(page);
      await explore.open(base());
      await explore.type('sum by (job) (app_request_total) +');
      await explore.run.click();
      await expect(explore.error).toHaveAttribute('data-source', 'prometheus');
      await expect(explore.error).toContainText('parse error');
    });
  });
});

test('remembers the chosen theme across a reload', async ({ page }) => {
  await page.goto(base());
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', /light|dark/);
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await expect(page.getByRole('button', { name: 'Theme: light' })).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});
