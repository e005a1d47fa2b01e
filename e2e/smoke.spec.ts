import { expect, test } from '@playwright/test';
import { ShellPage } from './pages/shell.page.ts';

test('the page served by the API shows the shell and a healthy API', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  const shell = new ShellPage(page);
  await shell.open('/');
  await expect(page).toHaveTitle(/Promwall/);
  await expect(shell.shell).toBeVisible();
  for (const name of ['Overview', 'Explore', 'Targets', 'Alerts', 'TV']) {
    await expect(shell.navLink(name)).toBeVisible();
  }
  await expect(shell.health).toHaveAttribute('data-state', 'ok');
  await page.screenshot({ path: test.info().outputPath('overview-1920x1080.png') });
  expect(errors).toEqual([]);
});

test('a deep link is answered by the web app, not a 404', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/targets');
  await expect(shell.shell).toBeVisible();
});
