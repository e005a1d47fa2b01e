// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NODE_ERROR, noTargets, RECORDED_AT, recordedTargets } from '../../components/targets/testFixtures.ts';
import { apiError, renderPageWithApi } from '../../components/lists/testing.tsx';
// Loaded up front, so that its lazy route resolves at once.
import './TargetsPage.tsx';

function renderPage(search = '', answer: unknown = recordedTargets) {
  return renderPageWithApi(`/targets${search}`, { '/api/v1/targets': answer });
}

const rows = () => screen.getAllByTestId('target-row');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  // A few seconds after the answer was recorded.
  vi.setSystemTime(RECORDED_AT + 3_000);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('<TargetsPage>', () => {
  it('counts the targets by health, in words as well as colours', async () => {
    renderPage();
    const counts = await screen.findByTestId('target-counts');
    const figure = (key: string) => counts.querySelector(`[data-count="${key}"]`)?.textContent;
    expect(figure('up')).toBe('Up4');
    expect(figure('down')).toBe('Down1');
    expect(figure('unknown')).toBe('Unknown1');
    expect(figure('total')).toBe('Total6');
  });

  it('lists every target grouped by job, each group with its up/total', async () => {
    renderPage();
    await screen.findByTestId('target-counts');
    expect(rows().map((row) => `${row.dataset.job} ${row.dataset.instance} ${row.dataset.health}`)).toEqual([
      'alertmanager 127.0.0.1:39093 up',
      'demo 127.0.0.1:38000 up',
      'node 127.0.0.1:39100 down',
      'node 10.0.4.17:9100 unknown',
      'postgres 127.0.0.1:39187 up',
      'prometheus 127.0.0.1:39090 up',
    ]);
    const node = screen.getByRole('rowheader', { name: 'node' }).closest('[role="rowgroup"]') as HTMLElement;
    expect(node.textContent).toContain('0/2 up');
  });

  it('shows a down target with its scrape error in full, its last scrape and duration', async () => {
    renderPage();
    await screen.findByTestId('target-counts');
    const down = rows().find((row) => row.dataset.health === 'down')!;
    expect(within(down).getByText(NODE_ERROR)).toBeTruthy();
    expect(down.textContent).toContain('Down');
    expect(down.textContent).toContain('http://127.0.0.1:39100/metrics');
    expect(down.textContent).toContain('3 s ago');
    expect(down.textContent).toContain('960 µs');
    expect(within(down).getByTestId('down-since').getAttribute('datetime')).toBe('2026-11-22T00:06:41.000Z');
    const unknown = rows().find((row) => row.dataset.health === 'unknown')!;
    expect(unknown.textContent).toContain('never scraped');
    expect(unknown.textContent).toContain('env=staging');
  });

  it('applies the filters in the URL', async () => {
    renderPage('?health=down,unknown&job=node&q=refused');
    await screen.findByTestId('target-counts');
    expect(rows().map((row) => row.dataset.instance)).toEqual(['127.0.0.1:39100']);
    expect(screen.getByText('1 of 6 targets')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Down/ }) as HTMLButtonElement).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('puts the search in the URL while typing, without a history entry per key', async () => {
    renderPage();
    await screen.findByTestId('target-counts');
    const before = window.history.length;
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'postgres' } });
    await vi.waitFor(() => expect(window.location.search).toBe('?q=postgres'));
    expect(window.history.length).toBe(before);
    expect(rows().map((row) => row.dataset.job)).toEqual(['postgres']);
  });

  it('toggles a health filter as a new history entry, and clears all filters', async () => {
    renderPage('?q=node');
    await screen.findByTestId('target-counts');
    const before = window.history.length;
    fireEvent.click(screen.getByRole('button', { name: /Down/ }));
    await vi.waitFor(() => expect(new URLSearchParams(window.location.search).get('health')).toBe('down'));
    expect(window.history.length).toBe(before + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await vi.waitFor(() => expect(window.location.search).toBe(''));
    expect(rows()).toHaveLength(6);
  });

  it('says so when no target matches the filters', async () => {
    renderPage('?q=nothing-like-this');
    expect(await screen.findByText('No targets match these filters')).toBeTruthy();
    expect(screen.queryAllByTestId('target-row')).toHaveLength(0);
  });

  it('says so when Prometheus has no targets at all', async () => {
    renderPage('', noTargets);
    expect(await screen.findByText('No scrape targets')).toBeTruthy();
  });

  it('shows why the list is missing when Prometheus is unreachable', async () => {
    renderPage('', apiError(502, 'upstream_unreachable', 'Prometheus at http://127.0.0.1:39090 is unreachable'));
    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain('Prometheus unreachable');
    expect(failure.textContent).toContain('http://127.0.0.1:39090');
    expect(screen.queryByTestId('target-counts')).toBeNull();
  });
});
