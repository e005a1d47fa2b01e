// @vitest-environment happy-dom
import type { HeadlineKey } from '@promwall/core/headline';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../testing/renderApp.tsx';
import { recordedAlerts, recordedSeries, recordedSummary, recordedTargets } from './testFixtures.ts';
// Loaded up front, so that its lazy route resolves at once.
import './OverviewPage.tsx';

const CHART_WIDTH = 800;

/** Answers like the API's, by path; anything else is a 404 as the API would send it. */
function fakeApi(url: string): Response {
  const { pathname, searchParams } = new URL(url, 'http://promwall.test');
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
  if (pathname === '/api/v1/summary') return json(recordedSummary);
  if (pathname === '/api/v1/targets') return json(recordedTargets);
  if (pathname === '/api/v1/alerts') return json(recordedAlerts);
  const metric = /^\/api\/v1\/summary\/(\w+)$/.exec(pathname)?.[1];
  if (metric) return json(recordedSeries(metric as HeadlineKey, searchParams.get('by') === 'instance'));
  return json({ error: { code: 'not_found', message: `no route ${pathname}` } }, 404);
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => fakeApi(url)),
  );
  // happy-dom lays nothing out; give every measured element a chart's width.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, CHART_WIDTH, 200));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const renderOverview = () => renderApp('/');

const requested = () => vi.mocked(fetch).mock.calls.map(([url]) => new URL(url as string, 'http://promwall.test'));
/** Series requests of the charts; the tiles' sparklines ask for 120 points. */
const chartRequests = () =>
  requested().filter((url) => url.pathname.startsWith('/api/v1/summary/') && url.searchParams.get('points') !== '120');

describe('<OverviewPage>', () => {
  it('shows the five headline figures from one summary request', async () => {
    renderOverview();
    const cpu = await screen.findByTestId('stat-tile-cpu');
    await vi.waitFor(() => expect(cpu.querySelector('.stat-tile__number')?.textContent).toBe('83.6'));
    expect(cpu.dataset.status).toBe('critical');
    expect(screen.getByTestId('stat-tile-memory').dataset.status).toBe('ok');
    expect(screen.getByTestId('stat-tile-dbConnections').dataset.status).toBe('warning');
    expect(screen.getByTestId('stat-tile-rps').querySelector('.stat-tile__number')?.textContent).toBe('—');
    expect(within(screen.getByTestId('stat-tile-latencyP95')).getByRole('alert').textContent).toMatch(/parse error/);
    expect(requested().filter((url) => url.pathname === '/api/v1/summary')).toHaveLength(1);
  });

  it('asks for CPU and memory per instance and the rest as totals, no more points than the charts are wide', async () => {
    renderOverview();
    await vi.waitFor(() => expect(chartRequests()).toHaveLength(5));
    const charts = chartRequests();
    const byInstance = Object.fromEntries(
      charts.map((url) => [url.pathname.split('/').pop(), url.searchParams.get('by')]),
    );
    expect(byInstance).toEqual({
      cpu: 'instance',
      memory: 'instance',
      dbConnections: null,
      rps: null,
      latencyP95: null,
    });
    for (const url of charts) expect(Number(url.searchParams.get('points'))).toBeLessThanOrEqual(CHART_WIDTH);
  });

  it('draws a line per instance in the CPU chart, with a legend', async () => {
    renderOverview();
    const chart = await screen.findByTestId('chart-cpu');
    await vi.waitFor(() => expect(chart.querySelectorAll('.recharts-line-curve')).toHaveLength(2));
    expect(within(chart).getByRole('button', { name: '10.0.4.12:9100' })).toBeTruthy();
    expect(within(chart).getByRole('button', { name: '127.0.0.1:29100' })).toBeTruthy();
  });

  it('shows the targets and alerts panels', async () => {
    renderOverview();
    expect(await screen.findByText(/High CPU usage on 127.0.0.1:29100/)).toBeTruthy();
    expect(await screen.findByText(/connection refused/)).toBeTruthy();
  });

  it('says no data, not 0, for a chart whose query returned nothing', async () => {
    vi.mocked(fetch).mockImplementation(async (url) => {
      const response = fakeApi(url as string);
      if (!(url as string).startsWith('/api/v1/summary/rps')) return response;
      const body = await response.json();
      return new Response(JSON.stringify({ ...body, series: [] }));
    });
    renderOverview();
    const chart = await screen.findByTestId('chart-rps');
    await vi.waitFor(() => expect(chart.querySelector('[data-panel-state="no-data"]')).not.toBeNull());
  });

  it('shows Prometheus’s message in a chart whose query failed', async () => {
    vi.mocked(fetch).mockImplementation(async (url) => {
      if ((url as string).startsWith('/api/v1/summary/dbConnections')) {
        return new Response(
          JSON.stringify({
            error: { code: 'query_error', message: 'bad_data: invalid parameter "query": 1:5: parse error' },
          }),
          { status: 502 },
        );
      }
      return fakeApi(url as string);
    });
    renderOverview();
    const chart = await screen.findByTestId('chart-dbConnections');
    const alert = await within(chart).findByRole('alert');
    expect(alert.textContent).toContain('Query failed');
    expect(alert.textContent).toContain('1:5: parse error');
  });
});
