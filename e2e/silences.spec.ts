import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { TOKEN_NAMES, writeTokenConfig, type AccessTokens } from './accessTokens.ts';
import { seriousViolations } from './axe.ts';
import { expect, test, urlUnder } from './fixtures.ts';
import { AlertsPage } from './pages/lists.page.ts';

// A stack of its own, whose Promwall asks for tokens: stopping an exporter to make an alert fire
// must not disturb the other specs.
let stack: Stack;
let tokens: AccessTokens;

interface StoredSilence {
  id: string;
  createdBy: string;
  comment: string;
  status: { state: string };
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const config = writeTokenConfig(mkdtempSync(join(tmpdir(), 'promwall-e2e-silences-')));
  tokens = config.tokens;
  ({ stack } = await startTestStack('e2e-silences', { promwallEnv: { PROMWALL_CONFIG: config.file } }));
  await stack.stopService('node-exporter');
});

test.afterAll(async () => {
  await stack?.stop();
});

/** The silences Alertmanager itself holds, asked of its v2 API. */
async function storedSilences(): Promise<StoredSilence[]> {
  return (await (await fetch(`${stack.urls.alertmanager}/api/v2/silences`)).json()) as StoredSilence[];
}

test('an admin silences a firing alert from the Alerts page, sees who and until when, and expires it', async ({
  page,
}) => {
  const alerts = new AlertsPage(page);
  await page.goto(urlUnder(stack.urls.promwall, `/alerts?refresh=5s&token=${encodeURIComponent(tokens.admin)}`));
  await expect(page).toHaveURL(urlUnder(stack.urls.promwall, '/alerts?refresh=5s'));
  // InstanceDown fires after 30 s down.
  const row = alerts.row('InstanceDown');
  await expect(row).toHaveAttribute('data-state', 'firing', { timeout: 90_000 });

  const form = alerts.silenceForm(row);
  await form.open.click();
  for (const [name, value] of Object.entries({ alertname: 'InstanceDown', job: 'node', severity: 'critical' })) {
    await expect(form.matcher(name, value)).toBeChecked();
  }
  await expect(form.form).toContainText(`as ${TOKEN_NAMES.admin}`);
  await form.duration.selectOption('1h');
  await form.comment.fill('Replacing the node exporter');
  await page.screenshot({ path: test.info().outputPath('alerts-silence-form-1920x1080.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await form.submit.click();

  const note = alerts.silenceNotes(row);
  await expect(note).toHaveText(
    /^Silenced by ops-alice until .+ \((1h|59m( \d+s)?) left\) · Replacing the node exporter/,
  );
  await expect(row).toHaveAttribute('data-silenced', 'true');
  await expect(form.form).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('alerts-silenced-1920x1080.png') });
  expect(await seriousViolations(page)).toEqual([]);
  const active = (await storedSilences()).filter((silence) => silence.status.state === 'active');
  expect(active).toEqual([
    expect.objectContaining({ createdBy: TOKEN_NAMES.admin, comment: 'Replacing the node exporter' }),
  ]);

  await note.getByRole('button', { name: 'Expire' }).click();
  await expect(note).toHaveCount(0);
  await expect(row).toHaveAttribute('data-silenced', 'false');
  const after = (await storedSilences()).find((silence) => silence.id === active[0]!.id);
  expect(after?.status.state).toBe('expired');
});

test("a viewer sees who silenced an alert and until when, without an admin's controls", async ({ page }) => {
  const alerts = new AlertsPage(page);
  const made = await fetch(`${stack.urls.promwall}/api/v1/silences`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      matchers: [{ name: 'alertname', value: 'InstanceDown' }],
      duration: '2h',
      comment: 'Planned maintenance',
    }),
  });
  expect(made.status).toBe(201);

  await page.goto(urlUnder(stack.urls.promwall, `/alerts?token=${encodeURIComponent(tokens.viewer)}`));
  const row = alerts.row('InstanceDown');
  const note = alerts.silenceNotes(row);
  await expect(note).toHaveText(/^Silenced by ops-alice until .+ \((2h|1h 59m) left\) · Planned maintenance$/);
  await expect(row.getByRole('button')).toHaveCount(0);
});
