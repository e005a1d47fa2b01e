import { expect, promwallUrl, test } from './fixtures.ts';
import { ShellPage } from './pages/shell.page.ts';

test('the page served by the API shows the shell and its navigation', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/');
  await expect(page).toHaveTitle(/Promwall/);
  await expect(shell.shell).toBeVisible();
  for (const name of ['Overview', 'Explore', 'Targets', 'Alerts', 'History', 'TV']) {
    await expect(shell.navLink(name)).toBeVisible();
  }
});

test('a deep link is answered by the web app, not a 404', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/targets');
  await expect(shell.shell).toBeVisible();
  await expect(page).toHaveTitle('Targets · Promwall');
});

test('the API health check answers', async ({ request }) => {
  const health = await request.get(promwallUrl('/healthz'));
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
});
