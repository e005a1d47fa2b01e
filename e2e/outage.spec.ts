import type { Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { expect, test } from './fixtures.ts';
import { AlertsPage, TargetsPage } from './pages/lists.page.ts';
import { OverviewPage } from './pages/overview.page.ts';

// A stack of its own: stopping an exporter must not disturb the other specs.
let stack: Stack;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ({ stack } = await startTestStack('e2e-outage'));
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a stopped exporter shows as down with its error, and its InstanceDown alert fires', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open(stack.urls.promwall, '?refresh=5s');
  await expect(overview.targetsPanel).toContainText('All 5 targets up', { timeout: 30_000 });

  await stack.stopService('node-exporter');

  await expect(overview.targetsPanel).toContainText('node', { timeout: 30_000 });
  await expect(overview.targetsPanel).toContainText('connection refused');

  const targets = new TargetsPage(page);
  await targets.open(stack.urls.promwall);
  await expect(targets.row('node')).toHaveAttribute('data-health', 'down');
  await expect(page.getByText(/connection refused/).first()).toBeVisible();

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
