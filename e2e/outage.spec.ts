// Code inside page.evaluate runs in the browser; the root tsconfig checks Node code only.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { expect, test } from './fixtures.ts';
import { AlertsPage, TargetsPage } from './pages/lists.page.ts';
import { OverviewPage } from './pages/overview.page.ts';
import { TvWall } from './pages/tv.page.ts';

// A stack of its own: stopping an exporter must not disturb the other specs.
let stack: Stack;

/** The test stack scrapes every second; with the API's cache at one second too, a change in
 * Prometheus reaches the browser within two scrape intervals plus one refresh. */
const SCRAPE_MS = 1_000;
const REFRESH_MS = 5_000;
/** The request and the render on a busy machine. */
const SLACK_MS = 1_500;
/** The default queries' rate window, which empties after the exporter stops. */
const RATE_WINDOW_MS = 120_000;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ({ stack } = await startTestStack('e2e-outage', { promwallEnv: { PROMWALL_CACHE_TTL: '1s' } }));
});

test.afterAll(async () => {
  await stack?.stop();
});

interface TileSample {
  at: number;
  metric: string;
  status: string | null;
  reason: string | null;
  figure: string;
}

/** Reads the CPU and memory tiles (overview or wall) every 200 ms into the page's own record. */
async function sampleTiles(page: Page, selector: (metric: string) => string, figure: string): Promise<void> {
  await page.evaluate(
    ({ cpu, memory, figure }) => {
      const record: TileSample[] = [];
      (window as unknown as { __tileSamples: TileSample[] }).__tileSamples = record;
      setInterval(() => {
        for (const [metric, css] of [
          ['cpu', cpu],
          ['memory', memory],
        ] as const) {
          const tile = document.querySelector<HTMLElement>(css);
          record.push({
            at: Date.now(),
            metric,
            status: tile?.getAttribute('data-status') ?? null,
            reason: tile?.getAttribute('data-reason') ?? null,
            figure: tile?.querySelector(figure)?.textContent ?? '',
          });
        }
      }, 200);
    },
    { cpu: selector('cpu'), memory: selector('memory'), figure },
  );
}

const tileSamples = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tileSamples: TileSample[] }).__tileSamples);

test('a stopped exporter’s CPU and memory say “source down” at once, and never a critical figure from the emptying window', async ({
  page,
  context,
}) => {
  test.setTimeout(RATE_WINDOW_MS + 90_000);
  const overview = new OverviewPage(page);
  await overview.open(stack.urls.promwall, '?refresh=5s');
  const wallPage = await context.newPage();
  const wall = new TvWall(wallPage, stack.urls.promwall);
  await wall.open('?refresh=5s');
  for (const metric of ['cpu', 'memory']) {
    await expect(overview.tileNumber(metric)).toHaveText(/^[\d.]+$/, { timeout: 30_000 });
    await expect(overview.tile(metric)).toHaveAttribute('data-reason', /^(thresholds|alert)$/);
    await expect(wall.tile(metric)).toHaveAttribute('data-reason', /^(thresholds|alert)$/, { timeout: 30_000 });
  }
  await sampleTiles(page, (metric) => `[data-testid="stat-tile-${metric}"]`, '.stat-tile__number');
  await sampleTiles(wallPage, (metric) => `[data-testid="tv-tile"][data-metric="${metric}"]`, '.tv-tile__number');

  await stack.stopService('node-exporter');
  const stoppedAt = Date.now();
  const deadline = 2 * SCRAPE_MS + REFRESH_MS + SLACK_MS;
  for (const metric of ['cpu', 'memory']) {
    for (const tile of [overview.tile(metric), wall.tile(metric)]) {
      await expect(tile).toHaveAttribute('data-reason', 'source_down', { timeout: deadline });
    }
  }
  const saidAt = Date.now() - stoppedAt;
  test.info().annotations.push({ type: 'source down shown after', description: `${saidAt} ms` });
  expect(saidAt).toBeLessThanOrEqual(deadline);
  await expect(overview.tile('cpu')).toContainText('Source down');
  await expect(overview.tile('cpu')).toContainText('1 of 1 target down');
  await expect(wall.tile('cpu')).toContainText('SOURCE DOWN');
  await page.screenshot({ path: test.info().outputPath('overview-source-down-1920x1080.png') });
  await wallPage.screenshot({ path: test.info().outputPath('tv-source-down-1920x1080.png') });

  // Through the time the rate window takes to empty: once it says so, the tile never shows a
  // figure again, let alone a warning or a critical one.
  await wallPage.waitForTimeout(RATE_WINDOW_MS + 10_000);
  for (const sampled of [page, wallPage]) {
    const samples = (await tileSamples(sampled)).filter((sample) => sample.at >= stoppedAt);
    for (const metric of ['cpu', 'memory']) {
      const own = samples.filter((sample) => sample.metric === metric);
      const first = own.findIndex((sample) => sample.reason === 'source_down');
      expect(first, `${metric} said source down`).toBeGreaterThanOrEqual(0);
      const after = own.slice(first);
      // At least one look every two seconds, however a background page's timers are throttled.
      expect(after.length).toBeGreaterThan(RATE_WINDOW_MS / 2_000);
      for (const sample of after) {
        expect(sample, `${metric} at ${sample.at - stoppedAt} ms`).toMatchObject({
          status: 'unknown',
          reason: 'source_down',
          figure: '—',
        });
      }
    }
  }
  await wallPage.close();

  await stack.restartService('node-exporter');
  await expect(overview.tile('cpu')).toHaveAttribute('data-reason', /^(thresholds|alert)$/, { timeout: 30_000 });
  await expect(overview.tileNumber('cpu')).toHaveText(/^[\d.]+$/);
});

test('a stopped exporter shows as down with its error and since when, and its InstanceDown alert fires', async ({
  page,
}) => {
  const overview = new OverviewPage(page);
  await overview.open(stack.urls.promwall, '?refresh=5s');
  await expect(overview.targetsPanel).toContainText('All 5 targets up', { timeout: 30_000 });

  await stack.stopService('node-exporter');

  await expect(overview.targetsPanel).toContainText('node', { timeout: 30_000 });
  await expect(overview.targetsPanel).toContainText('connection refused');
  await expect(overview.targetsPanel.getByTestId('down-since')).toContainText('down since');

  const targets = new TargetsPage(page);
  await targets.open(stack.urls.promwall);
  await expect(targets.row('node')).toHaveAttribute('data-health', 'down');
  await expect(page.getByText(/connection refused/).first()).toBeVisible();
  await expect(targets.row('node').getByTestId('down-since')).toHaveText(
    /^down since \d\d:\d\d:\d\d · (\d+ s|\d+m( \d+s)?)$/,
  );

  // InstanceDown fires after 30 s down.
  await overview.open(stack.urls.promwall, '?refresh=5s');
  const firing = overview.alertsPanel.locator(
    '[data-testid="alert-row"][data-name="InstanceDown"][data-state="firing"]',
  );
  await expect(firing).toBeVisible({ timeout: 90_000 });
  await expect(firing).toHaveAttribute('data-severity', 'critical');

  const alerts = new AlertsPage(page);
  await alerts.open(stack.urls.promwall);
  await expect(alerts.row('InstanceDown').first()).toHaveAttribute('data-state', 'firing');
});

test.describe(() => {
  // The browser reports the API's 502 answers on the console itself.
  test.use({ allowedConsoleErrors: [/status of 50[24]/] });

  test('with Prometheus stopped, the overview keeps its values under one stale banner', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.open(stack.urls.promwall, '?refresh=5s');
    await expect(overview.tileNumber('rps')).toHaveText(/^[\d.]+$/, { timeout: 30_000 });

    await stack.stopService('prometheus');

    const banner = page.getByTestId('page-stale-banner');
    await expect(banner).toContainText('Stale · updated', { timeout: 30_000 });
    await expect(banner).toContainText('Prometheus unreachable');
    await expect(page.locator('[data-panel-state="stale"]').nth(4)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.stale-banner')).toHaveCount(1);
    await expect(page.locator('[role="status"]', { hasText: 'Stale' })).toHaveCount(1);
    await expect(overview.tileNumber('rps')).toHaveText(/^[\d.]+$/);
    await page.screenshot({ path: test.info().outputPath('overview-prometheus-down-1920x1080.png') });
  });
});
