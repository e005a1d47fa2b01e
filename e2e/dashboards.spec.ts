import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { BoardPage } from './pages/dashboard.page.ts';
import { TvWall } from './pages/tv.page.ts';

function dashboardsDir(): string {
  const dir = process.env.PROMWALL_E2E_DASHBOARDS_DIR;
  if (!dir) throw new Error('PROMWALL_E2E_DASHBOARDS_DIR is not set: e2e/globalSetup.ts makes it');
  return dir;
}

/** Writes a board file as an editor saves it: a new file renamed over the old one. */
function writeBoard(file: string, text: string): void {
  const temporary = join(dashboardsDir(), `.${file}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, join(dashboardsDir(), file));
}

const HOT_BOARD = `
title: Hot reload
rows:
  - panels:
      - { id: up, type: stat, title: Targets up, query: 'count(up == 1)' }
      - { id: scrapes, type: timeseries, title: Scrape durations, unit: seconds, queries: [{ query: scrape_duration_seconds, legend: '{{job}}' }] }
`;

test.describe('a board at /d/{id}', () => {
  test('renders every panel of the demo service board with data', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('demo-service');
    await expect(board.title).toHaveText('Demo service');
    for (const id of [
      'rps',
      'latency-p95',
      'requests-by-route',
      'latency-quantiles',
      'routes-table',
      'targets',
      'alerts',
    ]) {
      await board.expectPanelShowsData(id);
    }
    await expect(board.panel('rps').getByTestId('stat-value')).toHaveText(/\d/);
    await expect(board.panel('latency-p95').locator('[data-rule-state]')).toHaveText(/HighRequestLatency/);
  });

  test('keeps its variables as pickers in the URL, and adds them to the queries as matchers', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('overview');
    await board.expectPanelShowsData('cpu');
    await expect(board.variable('job').locator('option')).toHaveText([
      'All',
      'alertmanager',
      'demo',
      'node',
      'postgres',
      'prometheus',
    ]);

    await board.variable('job').selectOption('node');

    await expect(page).toHaveURL(/[?&]var-job=node(&|$)/);
    await expect(board.exploreLinks('cpu').first()).toHaveAttribute(
      'title',
      /node_cpu_seconds_total\{mode="idle",job="node"\}/,
    );
    await board.expectPanelShowsData('cpu');
    // The targets panel is filtered by the same selection.
    await expect(board.panel('targets')).toContainText(/The one target is up|1 target/);
    await page.goBack();
    await expect(page).not.toHaveURL(/var-job/);
  });

  test('zooms into a dragged range, which Back undoes', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('demo-service', '?range=30m');
    await board.expectPanelShowsData('requests-by-route');
    const before = page.url();

    await board.dragAcross('requests-by-route', 0.5, 0.9);

    await expect(page).toHaveURL(/[?&]from=.*&to=/);
    const url = new URL(page.url());
    const span = Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!);
    // 40 % of 30 minutes, give or take the plot's edges.
    expect(span).toBeGreaterThan(10 * 60_000);
    expect(span).toBeLessThan(14 * 60_000);
    await expect(page.locator('.time-controls select').first()).toHaveValue('custom');
    await page.goBack();
    await expect(page).toHaveURL(before);
  });

  test('downloads a CSV of what a panel shows', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('demo-service');
    await board.expectPanelShowsData('routes-table');
    await board.expectPanelShowsData('latency-quantiles');

    const table = await board.downloadCsv('routes-table');
    expect(table.suggestedFilename()).toMatch(/^demo-service-routes-table-.*\.csv$/);
    const tableText = readFileSync((await table.path())!, 'utf8');
    expect(tableText.split('\r\n')[0]).toBe('route,method,status,value');
    expect(tableText).toContain('/api/orders');

    const chart = readFileSync((await (await board.downloadCsv('latency-quantiles')).path())!, 'utf8');
    expect(chart.split('\r\n')[0]).toBe('time,p50,p95,p99');
    expect(chart.split('\r\n')[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,/);
  });

  test("opens a panel's query in Explore, on the board's range", async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('demo-service', '?range=15m');
    await board.expectPanelShowsData('requests-by-status');

    await board.exploreLinks('requests-by-status').click();

    await expect(page).toHaveURL(/\/explore\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('expr')).toBe('sum by (status) (rate(app_request_total{job="demo"}[1m]))');
    expect(url.searchParams.get('tab')).toBe('graph');
    expect(url.searchParams.get('range')).toBe('15m');
    await expect(page.getByText('sum by (status)').first()).toBeVisible();
  });

  test('shows one panel full screen, and the board again on Escape', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('demo-service');
    await board.expectPanelShowsData('latency-quantiles');

    await board.panel('latency-quantiles').getByTestId('full-screen').click();

    await expect(page).toHaveURL(/[?&]panel=latency-quantiles/);
    await expect(page.locator('[data-testid^="panel-"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page).not.toHaveURL(/panel=/);
    await expect(board.panel('rps')).toBeVisible();
  });

  test('is listed in the top bar, and names the tab after itself', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('overview');
    await board.boardsMenu.click();
    await page.getByRole('menuitem', { name: 'Demo service' }).click();
    await expect(page).toHaveURL(/\/d\/demo-service$/);
    await expect(board.title).toHaveText('Demo service');
    await expect(page).toHaveTitle('Demo service · Promwall');
  });

  test('shows light and dark themes at 1920×1080', async ({ page }) => {
    const board = new BoardPage(page);
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await board.open('demo-service');
      for (const id of ['rps', 'requests-by-route', 'latency-quantiles', 'routes-table'])
        await board.expectPanelShowsData(id);
      await page.screenshot({ path: test.info().outputPath(`board-demo-service-${scheme}-1920x1080.png`) });
    }
  });
});

test.describe('a board whose file breaks', () => {
  test.afterAll(() => {
    for (const file of ['e2e-hot.yml', 'e2e-broken.yml']) rmSync(join(dashboardsDir(), file), { force: true });
  });

  test('keeps its last good version on screen with the error, and takes the fixed file by itself', async ({ page }) => {
    writeBoard('e2e-hot.yml', HOT_BOARD);
    const board = new BoardPage(page);
    await expect
      .poll(async () => (await page.request.get(`${process.env.PROMWALL_URL}/api/v1/dashboards/e2e-hot`)).status())
      .toBe(200);
    await board.open('e2e-hot', '?refresh=5s');
    await board.expectPanelShowsData('up');
    await expect(board.error).toHaveCount(0);

    writeBoard('e2e-hot.yml', HOT_BOARD.replace("'count(up == 1)'", "'count(up == 1'"));

    await expect(board.error).toContainText('e2e-hot.yml is broken: the last good version is shown', {
      timeout: 20_000,
    });
    await expect(board.error).toContainText(
      'e2e-hot.yml: panel "up" (rows[0].panels[0]): query: not valid PromQL at 1:14',
    );
    await expect(board.panel('up').getByTestId('stat-value')).toHaveText(/\d/);
    await page.screenshot({ path: test.info().outputPath('board-broken-file.png') });

    writeBoard('e2e-hot.yml', HOT_BOARD.replace('title: Hot reload', 'title: Hot reload, fixed'));
    await expect(board.title).toHaveText('Hot reload, fixed', { timeout: 20_000 });
    await expect(board.error).toHaveCount(0);
  });

  test('shows why a file that never loaded has no board', async ({ page }) => {
    writeBoard('e2e-broken.yml', 'title: Broken\nrows: [\n');
    const board = new BoardPage(page);
    await expect
      .poll(async () => (await page.request.get(`${process.env.PROMWALL_URL}/api/v1/dashboards/e2e-broken`)).status())
      .toBe(200);
    await board.open('e2e-broken');

    await expect(board.error).toContainText('e2e-broken.yml could not be loaded');
    await expect(board.error).toContainText('e2e-broken.yml: line 3, column 1: not valid YAML');
    await expect(page.locator('[data-testid^="panel-"]')).toHaveCount(0);
  });
});

test.describe('boards on the wall', () => {
  for (const screen of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    test(`/tv?dashboard= fills ${screen.width}×${screen.height} with the board's panels`, async ({ page }) => {
      await page.setViewportSize(screen);
      const tv = new TvWall(page);
      await tv.open('?dashboard=demo-service');
      await tv.waitUntilLive(30_000);
      await expect(page.getByTestId('tv-board')).toHaveAttribute('data-board', 'demo-service');
      await expect(tv.tiles).toHaveCount(5);
      await expect(page.getByTestId('wall-chart')).toHaveCount(7);
      await expect(tv.targetsStrip).toBeVisible();
      await tv.expectFitsScreen();
      for (const height of await tv.valueHeights()) expect(height).toBeGreaterThanOrEqual(screen.width / 60);
      await page.screenshot({ path: test.info().outputPath(`tv-dashboard-${screen.width}x${screen.height}.png`) });
    });
  }

  test('turns through several boards every rotate=', async ({ page }) => {
    const tv = new TvWall(page);
    await tv.open('?dashboard=overview,demo-service&rotate=3s');
    const board = page.getByTestId('tv-board');
    await expect(board).toHaveAttribute('data-board', 'overview', { timeout: 15_000 });
    await expect(board).toHaveAttribute('data-board', 'demo-service', { timeout: 10_000 });
    await expect(page.getByTestId('tv-pages')).toContainText('Overview');
    await expect(page.getByTestId('tv-pages')).toContainText('Demo service');
  });

  test('embeds one panel of a board at /embed/d/{board}/{panel}', async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 300 });
    await page.goto(`${process.env.PROMWALL_URL}/embed/d/demo-service/rps`);
    await expect(page.getByTestId('tv-value')).toHaveText(/\d/, { timeout: 20_000 });
    await page.goto(`${process.env.PROMWALL_URL}/embed/d/demo-service/nope`);
    await expect(page.getByTestId('embed-unknown')).toContainText('No panel “nope” on board “demo-service”');
  });
});
