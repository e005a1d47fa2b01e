// @vitest-environment happy-dom
import type { HeadlineKey } from '@promwall/core/headline';
import type { Summary } from '@promwall/core/schemas';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../api/client.ts';
import type { PanelStateProps } from '../../components/PanelState.tsx';
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
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const { getByTestId } = render(
    <QueryClientProvider client={client}>
      <StatTile metricKey={metricKey} summary={summary} range={DEFAULT_RANGE} refreshMs={30_000} />
    </QueryClientProvider>,
  );
  return getByTestId(`stat-tile-${metricKey}`);
}

const loaded = (data: Summary): SummaryQuery => ({ data, error: null, dataUpdatedAt: Date.now(), isPending: false });

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
    expect(tile.querySelector('.stat-tile__badge')?.textContent).toContain('Failed');
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
