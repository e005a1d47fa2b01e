// @vitest-environment happy-dom
import type { HeadlineKey } from '@promwall/core/headline';
import type { Summary } from '@promwall/core/schemas';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../api/client.ts';
import type { PanelStateProps } from '../../components/PanelState.tsx';
import { renderInRouter } from '../../testing/renderApp.tsx';
import { DEFAULT_RANGE } from '../../url/timeRange.ts';
import { StatTile } from './StatTile.tsx';
import { recordedSeries, recordedSummary } from './testFixtures.ts';

type SummaryQuery = PanelStateProps<Summary>['query'];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const metric = /\/summary\/(\w+)/.exec(url)?.[1] as HeadlineKey;
      return new Response(JSON.stringify(recordedSeries(metric, false)));
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderTile(metricKey: HeadlineKey, summary: SummaryQuery) {
  renderInRouter(<StatTile metricKey={metricKey} summary={summary} range={DEFAULT_RANGE} refreshMs={30_000} />);
  return screen.getByTestId(`stat-tile-${metricKey}`);
}

const loaded = (data: Summary): SummaryQuery => ({ data, error: null, dataUpdatedAt: Date.now(), isPending: false });

const withCpu = (over: Partial<Summary['metrics']['cpu']>): Summary => ({
  ...recordedSummary,
  metrics: { ...recordedSummary.metrics, cpu: { ...recordedSummary.metrics.cpu, ...over } },
});

describe('<StatTile>', () => {
  it.each([
    ['cpu', 'critical', '83.6', '%', 'Critical'],
    ['memory', 'ok', '12.6', '%', 'OK'],
    ['dbConnections', 'warning', '87', '', 'Warning'],
  ] as const)('shows %s as a figure with its unit and its %s state in words', (key, status, number, unit, word) => {
    const tile = renderTile(key, loaded(recordedSummary));
    expect(tile.dataset.status).toBe(status);
    expect(tile.querySelector('.stat-tile__number')?.textContent).toBe(number);
    expect(tile.querySelector('.stat-tile__unit')?.textContent ?? '').toBe(unit);
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain(word);
  });

  it('shows a metric without data as "—" and "No data", never as 0', () => {
    const tile = renderTile('rps', loaded(recordedSummary));
    expect(tile.dataset.status).toBe('unknown');
    expect(tile.querySelector('.stat-tile__number')?.textContent).toBe('—');
    expect(tile.textContent).not.toMatch(/\b0\b/);
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain('No data');
  });

  it('shows a failed metric’s error message in place of a figure', () => {
    const tile = renderTile('latencyP95', loaded(recordedSummary));
    expect(within(tile).getByRole('alert').textContent).toBe(
      'bad_data: 1:23: parse error: unexpected identifier "bucket"',
    );
    expect(tile.querySelector('.stat-tile__number')).toBeNull();
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain('Query failed');
  });

  it('says source down, with no figure, when every target feeding the value is down', () => {
    const summary = withCpu({
      value: 97.2,
      status: 'unknown',
      reason: 'source_down',
      sources: { up: 0, down: 1 },
    });
    const tile = renderTile('cpu', loaded(summary));
    expect(tile.dataset.status).toBe('unknown');
    expect(tile.dataset.reason).toBe('source_down');
    expect(tile.querySelector('.stat-tile__number')?.textContent).toBe('—');
    expect(tile.textContent).not.toContain('97');
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain('Source down');
    expect(tile.querySelector('.stat-tile__badge')?.getAttribute('data-shape')).toBe('source-down');
    expect(tile.querySelector('.stat-tile__sources')?.textContent).toBe('1 of 1 target down');
  });

  it('keeps the figure of a partial value and says which share of its sources is down', () => {
    const summary = withCpu({ value: 40, status: 'ok', sources: { up: 2, down: 1 } });
    const tile = renderTile('cpu', loaded(summary));
    expect(tile.querySelector('.stat-tile__number')?.textContent).toBe('40');
    expect(tile.querySelector('.stat-tile__sources')?.textContent).toContain('Partial: 1 of 3 targets down');
  });

  it('shows a firing linked rule, whatever the thresholds say, and links to it', () => {
    const firing = {
      name: 'DatabaseConnectionHigh',
      state: 'firing' as const,
      severity: 'critical',
      activeAt: '2026-11-22T00:04:00.000Z',
      summary: 'High PostgreSQL connection count',
    };
    const summary = {
      ...recordedSummary,
      metrics: {
        ...recordedSummary.metrics,
        dbConnections: {
          ...recordedSummary.metrics.dbConnections,
          value: 55,
          status: 'critical' as const,
          reason: 'alert' as const,
          alerts: [firing],
        },
      },
    };
    const tile = renderTile('dbConnections', loaded(summary));
    expect(tile.dataset.status).toBe('critical');
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain('Firing');
    const link = within(tile).getByTestId('stat-tile-alert');
    expect(link.textContent).toBe('DatabaseConnectionHigh');
    expect(link.getAttribute('href')).toBe('/alerts?q=DatabaseConnectionHigh');
  });

  it('is loading before the summary arrives', () => {
    const tile = renderTile('cpu', { data: undefined, error: null, dataUpdatedAt: 0, isPending: true });
    expect(tile.dataset.status).toBe('unknown');
    expect(tile.querySelector('[data-panel-state="loading"]')).not.toBeNull();
  });

  it('says Prometheus is unreachable, with its message, when the summary failed', () => {
    const error = new HttpError(
      502,
      'upstream_unreachable',
      'prometheus is unreachable: connect ECONNREFUSED 127.0.0.1:9090',
    );
    const tile = renderTile('cpu', { data: undefined, error, dataUpdatedAt: 0, isPending: false });
    expect(within(tile).getByRole('alert').textContent).toContain('Prometheus unreachable');
    expect(within(tile).getByRole('alert').textContent).toContain('ECONNREFUSED');
  });

  it('dims the last values and says how old they are when the API marks them stale', () => {
    const tile = renderTile('memory', loaded({ ...recordedSummary, stale: true }));
    expect(tile.querySelector('[data-panel-state="stale"]')).not.toBeNull();
    expect(within(tile).getByRole('status').textContent).toMatch(/Stale · updated/);
    expect(tile.querySelector('.stat-tile__number')?.textContent).toBe('12.6');
  });

  it('fetches its sparkline as one series of at most 120 points', async () => {
    renderTile('memory', loaded(recordedSummary));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    const url = new URL(vi.mocked(fetch).mock.calls[0]![0] as string, 'http://promwall.test');
    expect(url.pathname).toBe('/api/v1/summary/memory');
    expect(url.searchParams.get('points')).toBe('120');
    expect(url.searchParams.has('by')).toBe(false);
  });
});
