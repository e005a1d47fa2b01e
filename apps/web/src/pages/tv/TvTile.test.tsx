// @vitest-environment happy-dom
import type { HeadlineValue } from '@promwall/core/schemas';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TvTile } from './TvTile.tsx';

afterEach(cleanup);

const value = (over: Partial<HeadlineValue>): HeadlineValue => ({
  value: 42.5,
  unit: 'percent',
  status: 'ok',
  query: 'q',
  byInstance: [],
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
      value({ value: null, status: 'unknown', error: { code: 'query_error', message: 'bad' } }),
    ]) {
      const tile = renderTile(headline);
      expect(tile.querySelector('[data-testid="tv-value"]')?.textContent).toBe('—');
      cleanup();
    }
  });

  it('names why a value is missing', () => {
    expect(renderTile(undefined).textContent).toContain('WAITING');
    cleanup();
    expect(renderTile(value({ value: null, status: 'unknown' })).textContent).toContain('NO DATA');
    cleanup();
    expect(
      renderTile(value({ value: null, status: 'unknown', error: { code: 'query_error', message: 'bad' } })).textContent,
    ).toContain('QUERY ERROR');
  });
});
