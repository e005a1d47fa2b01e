// @vitest-environment happy-dom
import type { HistoryInfo, HistorySeries } from '@promwall/core/schemas';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderPageWithApi } from '../../components/lists/testing.tsx';
// Loaded up front, so that its lazy route resolves at once.
import './HistoryPage.tsx';

const info: HistoryInfo = {
  intervalSeconds: 60,
  retentionDays: 400,
  resolutions: ['raw', '5m', '1h', '1d'],
  first: '2026-08-01T00:00:00.000Z',
  last: '2026-11-21T12:00:00.000Z',
  instances: { cpu: ['10.0.0.1:9100', '10.0.0.2:9100'], memory: [], dbConnections: [], rps: [], latencyP95: [] },
};

const series: HistorySeries = {
  metric: 'cpu',
  unit: 'percent',
  resolution: '1d',
  instance: null,
  from: '2026-10-22T12:00:00.000Z',
  to: '2026-11-21T12:00:00.000Z',
  stepSeconds: 86_400,
  points: [
    { timestamp: '2026-11-19T00:00:00.000Z', value: 20 },
    { timestamp: '2026-11-20T00:00:00.000Z', value: 35 },
    { timestamp: '2026-11-21T00:00:00.000Z', value: 65 },
  ],
};

function renderPage(search = '', answers: Record<string, unknown> = {}) {
  return renderPageWithApi(`/history${search}`, {
    '/api/v1/history': info,
    '/api/v1/history/cpu': series,
    ...answers,
  });
}

beforeEach(() => {
  // happy-dom lays nothing out; give the chart a width, and so a resolution.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 1200, 400));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('<HistoryPage>', () => {
  it('charts the stored figures with their lowest, mean and highest value', async () => {
    renderPage();

    const stats = await screen.findByTestId('history-stats');
    expect(stats.textContent).toBe('Lowest20%Mean40%Highest65%');
    expect(screen.getByTestId('history-caption').textContent).toBe(
      'Means over 1d · 3 points · recorded every 1m, kept 400 days, since Aug 1, 2026',
    );
  });

  it('asks for the finest resolution with no more points than the chart has pixels', async () => {
    renderPage('?range=quarter');
    await screen.findByTestId('history-stats');

    const asked = vi.mocked(fetch).mock.calls.map(([url]) => new URL(String(url), 'http://promwall.test'));
    const seriesCall = asked.find((url) => url.pathname === '/api/v1/history/cpu')!;
    // 91 days at 1h would be 2,185 points for a chart 1,200 px wide.
    expect(seriesCall.searchParams.get('resolution')).toBe('1d');
  });

  it('links the CSV downloads to the range the chart shows', async () => {
    renderPage();
    await screen.findByTestId('history-stats');

    const chart = screen.getByTestId('history-chart');
    const download = within(chart).getByRole('link', { name: 'Download CSV' });
    expect(download.getAttribute('href')).toBe(
      '/api/v1/history/export?format=csv&metric=cpu&from=2026-10-22T12%3A00%3A00.000Z&to=2026-11-21T12%3A00%3A00.000Z',
    );
    expect(within(chart).getByRole('link', { name: 'CSV of all metrics' }).getAttribute('href')).not.toContain(
      'metric=',
    );
  });

  it('offers the instances recorded for the metric, and forgets the instance when the metric changes', async () => {
    const router = renderPage('?instance=10.0.0.2%3A9100');
    await screen.findByTestId('history-stats');

    const instance = screen.getByRole('combobox', { name: 'Instance' }) as HTMLSelectElement;
    expect([...instance.options].map((option) => option.value)).toEqual(['', '10.0.0.1:9100', '10.0.0.2:9100']);
    expect(instance.value).toBe('10.0.0.2:9100');

    fireEvent.click(screen.getByRole('button', { name: 'Memory' }));
    await vi.waitFor(() => expect(router.state.location.search).toBe('?metric=memory'));
  });

  it('says that history is off, and which setting turns it on, when no database is configured', async () => {
    renderPage('', {
      '/api/v1/history': apiError(
        404,
        'history_not_configured',
        'history is recorded only when a database is configured (database.url, PROMWALL_DATABASE_URL)',
      ),
    });

    const off = await screen.findByTestId('history-off');
    expect(off.textContent).toContain('History is off');
    expect(off.textContent).toContain('PROMWALL_DATABASE_URL');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
