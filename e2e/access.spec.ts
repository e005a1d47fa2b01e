import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { guardedTokens, TOKEN_NAMES } from './accessTokens.ts';
import { seriousViolations } from './axe.ts';
import { expect, test, urlUnder } from './fixtures.ts';
import { NotAllowedPage, SessionBar, SignInPage } from './pages/access.page.ts';
import { OverviewPage } from './pages/overview.page.ts';
import { TvWall } from './pages/tv.page.ts';

// A third Promwall, started by globalSetup with auth.tokens configured (one token per role, made
// with `npm run token`), against the shared stack.
function guardedUrl(path = '/'): string {
  const base = process.env.PROMWALL_GUARDED_URL;
  if (!base) throw new Error('PROMWALL_GUARDED_URL is not set: e2e/globalSetup.ts starts it');
  return urlUnder(base, path);
}

/** Every answer of the API the page asked for that refused it. */
function recordRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    if ([401, 403].includes(response.status())) refused.push(`${response.status()} ${response.url()}`);
  });
  return refused;
}

test.describe('sign-in', () => {
  // The browser reports the API's 401 to a wrong token on its console.
  test.use({ allowedConsoleErrors: [/status of 401/] });

  test('asks a browser without a token for one, refuses a wrong one, and opens the page with a viewer token', async ({
    page,
    context,
  }) => {
    const tokens = guardedTokens();
    const signIn = new SignInPage(page);
    const session = new SessionBar(page);
    const overview = new OverviewPage(page);

    const response = await page.goto(guardedUrl('/'));
    expect(response?.status()).toBe(200);
    await expect(signIn.heading).toHaveText('Sign in to Promwall');
    await expect(overview.tile('cpu')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('access-sign-in-1920x1080.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await signIn.signInWith(`${tokens.viewer}x`);
    await expect(signIn.problem).toHaveText(/^This token is not valid/);

    await signIn.signInWith(tokens.viewer);
    await expect(overview.tile('cpu')).not.toHaveAttribute('data-status', 'unknown', { timeout: 30_000 });
    await expect(session.signedInAs).toHaveText(`${TOKEN_NAMES.viewer} · viewer`);

    // The browser keeps the token where the page's scripts cannot read it.
    const [cookie] = await context.cookies(guardedUrl('/'));
    expect(cookie).toMatchObject({ value: tokens.viewer, httpOnly: true, sameSite: 'Strict', secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain(tokens.viewer);

    await page.reload();
    await expect(session.signedInAs).toHaveText(`${TOKEN_NAMES.viewer} · viewer`);
    await session.signOut.click();
    await expect(signIn.heading).toHaveText('Sign in to Promwall');
    expect(await context.cookies(guardedUrl('/'))).toEqual([]);
  });
});

test.describe('not allowed', () => {
  test('tells a kiosk token that Explore needs a viewer token, and the API refuses it too', async ({ page }) => {
    const { kiosk } = guardedTokens();
    const notAllowed = new NotAllowedPage(page);

    await page.goto(guardedUrl(`/explore?token=${encodeURIComponent(kiosk)}`));
    await expect(page).toHaveURL(guardedUrl('/explore'));
    await expect(notAllowed.heading).toHaveText('Not allowed');
    await expect(notAllowed.root).toContainText(
      `You are signed in as ${TOKEN_NAMES.kiosk}, a kiosk token (TV walls and embeds). Explore needs a viewer token.`,
    );
    await page.screenshot({ path: test.info().outputPath('access-not-allowed-1920x1080.png') });
    expect(await seriousViolations(page)).toEqual([]);

    const query = await page.request.get(guardedUrl('/api/prom/api/v1/query?query=up'));
    expect(query.status()).toBe(403);

    await notAllowed.openWall.click();
    await new TvWall(page, guardedUrl('/')).waitUntilLive();
  });
});

test.describe('a kiosk wall', () => {
  test('shows a wall without a token how to give it one', async ({ page }) => {
    const signIn = new SignInPage(page);
    await page.goto(guardedUrl('/tv'));
    await expect(signIn.heading).toHaveText('This wall needs an access token');
    await expect(signIn.root).toContainText('?token=');
    await expect(page.getByTestId('tv')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('access-wall-sign-in-1920x1080.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.screenshot({ path: test.info().outputPath('access-wall-sign-in-3840x2160.png') });
  });

  test('opened once with /tv?token=…, drops the token from the URL and keeps working after reloads', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const { kiosk } = guardedTokens();
    const refused = recordRefusals(page);
    const referers: string[] = [];
    page.on('request', (request) => referers.push(request.headers()['referer'] ?? ''));
    const tv = new TvWall(page, guardedUrl('/'));

    const entriesBefore = await page.evaluate(() => history.length);
    await page.goto(guardedUrl(`/tv?title=Lobby&token=${encodeURIComponent(kiosk)}`));
    await expect(page).toHaveURL(guardedUrl('/tv?title=Lobby'));
    await tv.waitUntilLive();
    await expect(tv.root).toContainText('Lobby');

    // The link added one entry to the history, the clean URL (the redirect replaced it), and no
    // request of the page names the token in its Referer.
    expect(await page.evaluate(() => history.length)).toBe(entriesBefore + 1);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').map((entry) => entry.name))).toEqual([
      guardedUrl('/tv?title=Lobby'),
    ]);
    expect(referers.filter((referer) => referer.includes(kiosk))).toEqual([]);

    // The clean URL, loaded again as a wall's daily reload would, is still the wall, from the cookie.
    await page.reload();
    await tv.waitUntilLive();
    await expect(tv.tiles).toHaveCount(5);
    // Past a heartbeat and a refresh of every panel.
    await page.waitForTimeout(12_000);
    await tv.waitUntilLive();
    expect(refused).toEqual([]);

    // The access log saw the link, with the token replaced.
    await expect
      .poll(() => readFileSync(process.env.PROMWALL_GUARDED_LOG!, 'utf8'))
      .toContain('/tv?title=Lobby&token=[redacted]');
    expect(readFileSync(process.env.PROMWALL_GUARDED_LOG!, 'utf8')).not.toContain(kiosk);
  });
});

test.describe('boards and history under tokens', () => {
  // This Promwall has no database: the browser reports the history API's 404 on its console.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('a viewer token opens a board with data and the History page, and nothing is refused', async ({ page }) => {
    const { viewer } = guardedTokens();
    const refused = recordRefusals(page);

    await page.goto(guardedUrl(`/d/demo-service?token=${encodeURIComponent(viewer)}`));
    await expect(page).toHaveURL(guardedUrl('/d/demo-service'));
    for (const panel of ['rps', 'latency-quantiles']) {
      await expect(page.getByTestId(`panel-${panel}`).locator('[data-panel-state]').first()).toHaveAttribute(
        'data-panel-state',
        'ok',
        { timeout: 20_000 },
      );
    }

    // History says it is off and which setting turns it on, not "not allowed".
    await page.goto(guardedUrl('/history'));
    await expect(page.getByTestId('history-off')).toContainText('History is off');
    await page.screenshot({ path: test.info().outputPath('access-history-without-database-1920x1080.png') });
    await expect(page.getByTestId('not-allowed')).toHaveCount(0);
    expect(refused).toEqual([]);
  });

  test('a kiosk token shows a board on the wall and one of its panels embedded, but not the board page nor history', async ({
    page,
  }) => {
    const { kiosk } = guardedTokens();
    const refused = recordRefusals(page);
    const tv = new TvWall(page, guardedUrl('/'));

    await page.goto(guardedUrl(`/tv?dashboard=demo-service&token=${encodeURIComponent(kiosk)}`));
    await tv.waitUntilLive(30_000);
    await expect(page.getByTestId('tv-board')).toHaveAttribute('data-board', 'demo-service');
    await expect(tv.tiles).toHaveCount(5);

    await page.goto(guardedUrl('/embed/d/demo-service/rps'));
    await expect(page.getByTestId('tv-value')).toHaveText(/\d/, { timeout: 20_000 });
    expect(refused).toEqual([]);

    await page.goto(guardedUrl('/d/demo-service'));
    await expect(new NotAllowedPage(page).root).toContainText('needs a viewer token');
    expect((await page.request.get(guardedUrl('/api/v1/history'))).status()).toBe(403);
    expect((await page.request.get(guardedUrl('/api/v1/dashboards/demo-service/panels/rps'))).status()).toBe(200);
  });
});
