// @vitest-environment happy-dom
import type { HeadlineValue } from '@promwall/core/schemas';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TvTile } from './TvTile.tsx';

afterEach(cleanup);

const value = (over: Partial<HeadlineValue>): HeadlineValue => ({
  value: 42.5,
  sampledAt: '2026-11-22T10:00:00.000Z',
  unit: 'percent',
  status: 'ok',
  reason: 'thresholds',
  thresholds: { warning: 70, critical: 80 },
  sources: { up: 1, down: 0 },
  alerts: [],
  query: 'q',
  byInstance: [],
  error: null,
  ...over,
});

const renderTile = (headline: HeadlineValue | undefined) =>
  render(<TvTile metric="cpu" value={headline} series={undefined} stale={false} />).getByTestId('tv-tile');

describe('<TvTile>', () => {
  it('shows the figure, its unit and the state as a word', () => {
    const tile = renderTile(value({ status: 'warning', value: 72.25 }));
    expect(tile.querySelector('.tv-tile__number')?.textContent).toBe('72.3');
    expect(tile.querySelector('.tv-tile__unit')?.textContent).toBe('%');
    expect(tile.textContent).toContain('WARNING');
    expect(tile.dataset.status).toBe('warning');
  });

  it('shows a missing value as "—" and never as 0', () => {
    for (const headline of [
      undefined,
      value({ value: null, status: 'unknown' }),
      value({ value: null, status: 'unknown', reason: 'failed', error: { code: 'query_error', message: 'bad' } }),
      value({ value: 96, status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } }),
    ]) {
      const tile = renderTile(headline);
      expect(tile.querySelector('[data-testid="tv-value"]')?.textContent).toBe('—');
      cleanup();
    }
  });

  it('names why a value is missing', () => {
    expect(renderTile(undefined).textContent).toContain('WAITING');
    cleanup();
    expect(renderTile(value({ value: null, status: 'unknown', reason: 'no_data' })).textContent).toContain('NO DATA');
    cleanup();
    expect(
      renderTile(
        value({ value: null, status: 'unknown', reason: 'failed', error: { code: 'query_error', message: 'bad' } }),
      ).textContent,
    ).toContain('QUERY FAILED');
  });

  it('says SOURCE DOWN in word and shape, and how many targets are down, instead of a figure', () => {
    const tile = renderTile(
      value({ value: 96, status: 'unknown', reason: 'source_down', sources: { up: 0, down: 1 } }),
    );
    expect(tile.dataset.status).toBe('unknown');
    expect(tile.textContent).toContain('SOURCE DOWN');
    expect(tile.querySelector('.tv-state')?.getAttribute('data-shape')).toBe('source-down');
    expect(tile.querySelector('[data-testid="tv-tile-note"]')?.textContent).toBe('1 of 1 target down');
    expect(tile.textContent).not.toContain('96');
  });

  it('names a firing linked rule and a partial value under the state', () => {
    const tile = renderTile(
      value({
        value: 55,
        status: 'critical',
        reason: 'alert',
        sources: { up: 1, down: 1 },
        alerts: [
          { name: 'DatabaseConnectionHigh', state: 'firing', severity: 'critical', activeAt: null, summary: null },
        ],
      }),
    );
    expect(tile.dataset.status).toBe('critical');
    expect(tile.textContent).toContain('FIRING');
    expect(tile.querySelector('[data-testid="tv-tile-note"]')?.textContent).toBe(
      'DatabaseConnectionHigh · partial: 1 of 2 targets down',
    );
  });
});
