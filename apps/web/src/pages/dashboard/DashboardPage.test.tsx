// @vitest-environment happy-dom
import type { Dashboard, DashboardFile, PanelData } from '@promwall/core/dashboardSchemas';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../testing/renderApp.tsx';
// Loaded up front, so that its lazy route resolves at once.
import './DashboardPage.tsx';

const T = Date.UTC(2026, 9, 25, 10);

const definition: DashboardFile = {
  title: 'Demo',
  variables: [{ name: 'job' }],
  rows: [
    {
      panels: [
        {
          id: 'rps',
          type: 'stat',
          title: 'Requests/s',
          query: 'sum(rate(x[1m]))',
          unit: 'requestsPerSecond',
          sparkline: false,
          alerts: ['HighLatency'],
        },
        { id: 'broken', type: 'stat', title: 'Broken', query: 'sum(y)', unit: 'count', sparkline: false, alerts: [] },
        { id: 'up', type: 'table', title: 'Up', query: 'up', unit: 'count' },
      ],
    },
  ],
};

function board(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    id: 'demo',
    file: 'demo.yml',
    title: 'Demo',
    panels: [],
    loadedAt: new Date(T).toISOString(),
    error: null,
    version: 'v1',
    definition,
    variables: [{ name: 'job', label: 'job', title: 'Job', values: ['demo', 'node'], selected: null }],
    ...overrides,
  };
}

const common = { generatedAt: new Date(T).toISOString(), stale: false };

const panels: Record<string, PanelData> = {
  rps: {
    type: 'stat',
    ...common,
    query: 'sum(rate(x[1m]))',
    unit: 'requestsPerSecond',
    value: 12.5,
    status: null,
    thresholds: null,
    sparkline: null,
    alertRules: [{ name: 'HighLatency', state: 'firing', severity: 'warning', activeAt: null, summary: 'slow' }],
  },
  up: {
    type: 'table',
    ...common,
    query: 'up',
    unit: 'count',
    columns: ['job'],
    rows: [{ labels: { job: 'node' }, value: 1 }],
    truncated: false,
  },
};

let served: Dashboard = board();

function fakeApi(url: string): Response {
  const { pathname } = new URL(url, 'http://promwall.test');
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
  if (pathname === '/api/v1/dashboards') return json({ generatedAt: common.generatedAt, dashboards: [], errors: [] });
  if (pathname === '/api/v1/dashboards/demo') return json(served);
  const panel = /^\/api\/v1\/dashboards\/demo\/panels\/([\w-]+)$/.exec(pathname)?.[1];
  if (panel === 'broken') {
    return json({ error: { code: 'query_error', message: 'prometheus: parse error at char 7' } }, 502);
  }
  if (panel && panels[panel]) return json(panels[panel]);
  return json({ error: { code: 'not_found', message: `no route ${pathname}` } }, 404);
}

const requested = () => vi.mocked(fetch).mock.calls.map(([url]) => new URL(url as string, 'http://promwall.test'));

beforeEach(() => {
  served = board();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => fakeApi(url)),
  );
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 800, 200));
  // happy-dom lays nothing out, so nothing ever comes into view: every panel is on screen here.
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(target: Element) {
        this.callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as never);
      }
      disconnect() {}
    },
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('<DashboardPage>', () => {
  it('shows each panel in its own state: a value with its linked rule, a table, a failed query', async () => {
    renderApp('/d/demo');

    const rps = await screen.findByTestId('panel-rps');
    await vi.waitFor(() => expect(within(rps).getByTestId('stat-value').textContent).toBe('12.5req/s'));
    expect(rps.dataset.tone).toBe('critical');
    expect(within(rps).getByRole('list', { name: 'Linked alert rules' }).textContent).toContain('HighLatency firing');
    await vi.waitFor(() =>
      expect(within(screen.getByTestId('panel-up')).getByRole('table').textContent).toContain('node'),
    );
    const broken = screen.getByTestId('panel-broken');
    await vi.waitFor(() => expect(within(broken).getByRole('alert').textContent).toContain('Query failed'));
    expect(broken.textContent).toContain('prometheus: parse error at char 7');
    await vi.waitFor(() => expect(document.title).toBe('Demo · Promwall'));
  });

  it('keeps a variable in the URL and asks the board and its panels with it', async () => {
    const router = renderApp('/d/demo');
    const picker = await screen.findByTestId('variable-job');
    expect([...picker.querySelectorAll('option')].map((option) => option.textContent)).toEqual(['All', 'demo', 'node']);

    fireEvent.change(picker, { target: { value: 'node' } });

    await vi.waitFor(() => expect(router.state.location.search).toBe('?var-job=node'));
    await vi.waitFor(() =>
      expect(
        requested().some((url) => url.pathname.endsWith('/panels/rps') && url.searchParams.get('var-job') === 'node'),
      ).toBe(true),
    );
    fireEvent.change(screen.getByTestId('variable-job'), { target: { value: '' } });
    await vi.waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('shows a broken file’s error above its last good version', async () => {
    served = board({ error: { message: 'demo.yml: line 3, column 1: not valid YAML (…)', at: common.generatedAt } });
    renderApp('/d/demo');

    const error = await screen.findByTestId('board-error');
    expect(error.textContent).toContain('demo.yml is broken: the last good version is shown');
    expect(error.textContent).toContain('demo.yml: line 3, column 1');
    expect(await screen.findByTestId('panel-rps')).toBeTruthy();
  });

  it('shows only the error of a file that never loaded', async () => {
    served = board({
      title: 'demo',
      definition: null,
      variables: [],
      loadedAt: null,
      error: { message: 'demo.yml: title: must not be empty', at: common.generatedAt },
    });
    renderApp('/d/demo');

    expect((await screen.findByTestId('board-error')).textContent).toContain('demo.yml could not be loaded');
    expect(screen.queryByTestId('panel-rps')).toBeNull();
  });
});
