// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noAlerts, RECORDED_AT, recordedAlerts } from '../../components/alerts/testFixtures.ts';
import { renderPageWithApi, type AnswerFn } from '../../components/lists/testing.tsx';
// Loaded up front, so that its lazy route resolves at once.
import './AlertsPage.tsx';

function renderPage(search = '', answer: unknown = recordedAlerts, more: Record<string, unknown> = {}) {
  return renderPageWithApi(`/alerts${search}`, { '/api/v1/alerts': answer, ...more });
}

const rows = () => screen.getAllByTestId('alert-row');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(RECORDED_AT);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('<AlertsPage>', () => {
  it('counts the alerts by state and by severity', async () => {
    renderPage();
    const counts = await screen.findByTestId('alert-counts');
    const figure = (key: string) => counts.querySelector(`[data-count="${key}"]`)?.textContent;
    expect(figure('firing')).toBe('Firing3');
    expect(figure('pending')).toBe('Pending1');
    expect(figure('severity-critical')).toBe('critical2');
    expect(figure('severity-warning')).toBe('warning2');
    expect(figure('severity-info')).toBe('info0');
    expect(figure('total')).toBe('Total4');
  });

  it('lists the firing critical alert first, grouped by name with its firing and pending counts', async () => {
    renderPage();
    await screen.findByTestId('alert-counts');
    const first = rows()[0]!;
    expect(first.dataset).toMatchObject({
      name: 'InstanceDown',
      state: 'firing',
      severity: 'critical',
      silenced: 'false',
    });
    expect(rows().map((row) => row.dataset.name)).toEqual([
      'InstanceDown',
      'HighRequestLatency',
      'HighCPUUsage',
      'DatabaseConnectionHigh',
    ]);
    const group = screen.getByRole('rowheader', { name: 'InstanceDown' }).closest('[role="rowgroup"]') as HTMLElement;
    expect(group.textContent).toContain('1 firing');
  });

  it('shows the summary, the description, the labels and how long the alert has been active', async () => {
    renderPage();
    await screen.findByTestId('alert-counts');
    const first = rows()[0]!;
    expect(within(first).getByText('node target 127.0.0.1:39100 is down')).toBeTruthy();
    expect(first.textContent).toContain('Prometheus has not been able to scrape');
    expect(first.textContent).toContain('instance=127.0.0.1:39100');
    expect(first.textContent).toContain('for 4m 2s');
    expect(first.textContent).toContain('Firing');
    expect(first.textContent).toContain('critical');
  });

  it('keeps the time since an alert became active ticking', async () => {
    renderPage();
    await screen.findByTestId('alert-counts');
    vi.setSystemTime(RECORDED_AT + 60_000);
    // vi.waitFor moves the faked clock on as it polls, hence any second.
    await vi.waitFor(() => expect(rows()[0]!.textContent).toMatch(/for 5m \ds/), { timeout: 2_000 });
  });

  it('marks a silenced and inhibited alert, and can hide it', async () => {
    renderPage();
    await screen.findByTestId('alert-counts');
    const cpu = rows().find((row) => row.dataset.name === 'HighCPUUsage')!;
    expect(cpu.dataset.silenced).toBe('true');
    expect(cpu.className).toContain('alert-row--muted');
    expect(within(cpu).getByText('Silenced').getAttribute('title')).toMatch(
      /^Silenced by ops-alice until .* \(3h 57m left\)$/,
    );
    expect(within(cpu).getByTestId('silence-note').textContent).toMatch(
      /^Silenced by ops-alice until .* \(3h 57m left\) · Kernel upgrade on the demo host$/,
    );
    expect(within(cpu).getByText('Inhibited')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Silenced & inhibited'), { target: { value: 'hide' } });
    await vi.waitFor(() => expect(window.location.search).toBe('?silenced=hide'));
    expect(rows().map((row) => row.dataset.name)).not.toContain('HighCPUUsage');
  });

  it('applies the filters in the URL', async () => {
    renderPage('?state=firing&severity=warning&q=demo');
    await screen.findByTestId('alert-counts');
    expect(rows().map((row) => row.dataset.name)).toEqual(['HighRequestLatency']);
    expect(screen.getByText('1 of 4 alerts')).toBeTruthy();
  });

  it('counts one alert in the singular', async () => {
    renderPage('', { ...recordedAlerts, alerts: recordedAlerts.alerts.slice(0, 1) });
    expect(await screen.findByText('1 alert')).toBeTruthy();
  });

  it('says so when nothing fires, and that Alertmanager is not configured', async () => {
    renderPage('', noAlerts);
    expect(await screen.findByText('No alerts firing')).toBeTruthy();
    expect(screen.getByText('Alertmanager is not configured')).toBeTruthy();
    expect(screen.queryAllByTestId('alert-row')).toHaveLength(0);
  });

  it('warns that silences are unknown when Alertmanager is unreachable', async () => {
    renderPage('', { ...recordedAlerts, alertmanager: 'unreachable' });
    expect(await screen.findByText('Alertmanager is unreachable')).toBeTruthy();
  });

  it('says so when no alert matches the filters', async () => {
    renderPage('?q=nothing-like-this');
    expect(await screen.findByText('No alerts match these filters')).toBeTruthy();
  });
});

describe('<AlertsPage> for an admin token', () => {
  const signedIn = (role: string) => ({ authRequired: true, principal: { name: 'ops-alice', role } });
  const withAlertmanager = { ...recordedAlerts, alertmanager: 'merged' };

  it('silences an alert from its row: its labels as matchers, a duration, a comment', async () => {
    const posted: unknown[] = [];
    const silences: AnswerFn = (init) => {
      posted.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ id: '0f0e0d0c-0b0a-4908-8706-050403020100' }), { status: 201 });
    };
    renderPage('', withAlertmanager, { '/api/v1/session': signedIn('admin'), '/api/v1/silences': silences });
    await screen.findByTestId('alert-counts');
    const first = rows()[0]!;

    fireEvent.click(await within(first).findByRole('button', { name: 'Silence…' }));
    const form = within(first).getByRole('form', { name: 'Silence InstanceDown' });
    expect(within(form).getByText('as ops-alice')).toBeTruthy();
    fireEvent.click(within(form).getByRole('checkbox', { name: 'instance="127.0.0.1:39100"' }));
    fireEvent.change(within(form).getByLabelText('For'), { target: { value: '4h' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Silence for 4h' }));
    expect(within(form).getByRole('alert').textContent).toBe('Say why, for whoever sees the silence next.');
    fireEvent.change(within(form).getByLabelText('Why'), { target: { value: 'Replacing the exporter' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Silence for 4h' }));

    await vi.waitFor(() => expect(within(first).queryByRole('form')).toBeNull());
    expect(posted).toEqual([
      {
        matchers: [
          { name: 'alertname', value: 'InstanceDown', isRegex: false, isEqual: true },
          { name: 'job', value: 'node', isRegex: false, isEqual: true },
          { name: 'severity', value: 'critical', isRegex: false, isEqual: true },
        ],
        duration: '4h',
        comment: 'Replacing the exporter',
      },
    ]);
  });

  it('expires a silence from the note that says whose it is', async () => {
    const deleted: string[] = [];
    const expire: AnswerFn = (init) => {
      deleted.push(String(init?.method));
      return new Response(null, { status: 204 });
    };
    renderPage('', withAlertmanager, {
      '/api/v1/session': signedIn('admin'),
      '/api/v1/silences/3b742804-dd40-4072-8ac4-50e89d7704bb': expire,
    });
    await screen.findByTestId('alert-counts');
    const note = await screen.findByTestId('silence-note');

    fireEvent.click(within(note).getByRole('button', { name: 'Expire' }));

    await vi.waitFor(() => expect(deleted).toEqual(['DELETE']));
  });

  it('offers no silences to a viewer, nor without Alertmanager', async () => {
    renderPage('', withAlertmanager, { '/api/v1/session': signedIn('viewer') });
    await screen.findByTestId('alert-counts');
    expect(screen.queryByRole('button', { name: 'Silence…' })).toBeNull();
    expect(within(screen.getByTestId('silence-note')).queryByRole('button')).toBeNull();
    cleanup();

    renderPage('', { ...recordedAlerts, alertmanager: 'unreachable' }, { '/api/v1/session': signedIn('admin') });
    await screen.findByTestId('alert-counts');
    expect(screen.queryByRole('button', { name: 'Silence…' })).toBeNull();
  });
});
