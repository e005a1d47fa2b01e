// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, NetworkError } from '../api/client.ts';
import { panelCondition, PanelState } from './PanelState.tsx';

const NOW = 1_800_000_000_000;
const fresh = { data: [1, 2], error: null, dataUpdatedAt: NOW - 1_000, isPending: false };
const isEmpty = (rows: number[]) => rows.length === 0;

afterEach(cleanup);

describe('panelCondition', () => {
  it('is loading before the first answer', () => {
    expect(
      panelCondition({ data: undefined, error: null, dataUpdatedAt: 0, isPending: true }, 5_000, NOW).condition,
    ).toBe('loading');
  });

  it('is ok with fresh data, and no-data when the query returned nothing', () => {
    expect(panelCondition(fresh, 5_000, NOW, isEmpty).condition).toBe('ok');
    expect(panelCondition({ ...fresh, data: [] }, 5_000, NOW, isEmpty).condition).toBe('no-data');
  });

  it.each([
    [new NetworkError('Cannot reach the Promwall API (/api/v1/summary): Failed to fetch'), 'api-unreachable'],
    [new HttpError(502, 'upstream_unreachable', 'prometheus is unreachable (ECONNREFUSED)'), 'upstream-unreachable'],
    [new HttpError(504, 'upstream_timeout', 'prometheus did not answer within 10 s'), 'upstream-unreachable'],
    [new HttpError(502, 'query_error', 'prometheus: 1:5: parse error'), 'query-error'],
    [new HttpError(400, 'range_too_long', 'range may be at most 31 days'), 'error'],
  ])('tells %s apart as %s when there is no data', (error, condition) => {
    expect(panelCondition({ data: undefined, error, dataUpdatedAt: 0, isPending: false }, 5_000, NOW).condition).toBe(
      condition,
    );
  });

  it('is stale when a refresh failed, when data is older than two intervals, or when the API says so', () => {
    const failedRefresh = { ...fresh, error: new HttpError(502, 'upstream_unreachable', 'down') };
    expect(panelCondition(failedRefresh, 5_000, NOW)).toMatchObject({
      condition: 'stale',
      failure: { kind: 'upstream-unreachable' },
    });
    expect(panelCondition({ ...fresh, dataUpdatedAt: NOW - 10_001 }, 5_000, NOW).condition).toBe('stale');
    expect(panelCondition({ ...fresh, dataUpdatedAt: NOW - 9_999 }, 5_000, NOW).condition).toBe('ok');
    expect(panelCondition(fresh, 5_000, NOW, isEmpty, () => true).condition).toBe('stale');
  });

  it('never calls data stale by age when refreshing is off', () => {
    expect(panelCondition({ ...fresh, dataUpdatedAt: NOW - 3_600_000 }, 0, NOW).condition).toBe('ok');
  });
});

describe('<PanelState>', () => {
  const renderState = (query: Parameters<typeof panelCondition<number[]>>[0]) =>
    render(
      <PanelState query={query} refreshMs={5_000} isEmpty={isEmpty}>
        {(rows) => <p>{rows.length} rows</p>}
      </PanelState>,
    );

  it('shows the content when fresh', () => {
    renderState({ ...fresh, dataUpdatedAt: Date.now() });
    expect(screen.getByText('2 rows')).toBeTruthy();
  });

  it('says "No data" for an empty result, never a number', () => {
    const { container } = renderState({ ...fresh, data: [], dataUpdatedAt: Date.now() });
    expect(screen.getByText('No data')).toBeTruthy();
    expect(container.textContent).not.toMatch(/\b0\b/);
  });

  it("shows Prometheus's message for a failed query", () => {
    renderState({
      data: undefined,
      error: new HttpError(502, 'query_error', 'prometheus: 1:5: parse error: unexpected <EOF>'),
      dataUpdatedAt: 0,
      isPending: false,
    });
    expect(screen.getByRole('alert').textContent).toContain('Query failed');
    expect(screen.getByRole('alert').textContent).toContain('1:5: parse error: unexpected <EOF>');
  });

  it('keeps stale values on screen with their age and the reason', () => {
    const { container } = renderState({
      ...fresh,
      dataUpdatedAt: Date.now() - 42_000,
      error: new NetworkError('Cannot reach the Promwall API (/x): Failed to fetch'),
    });
    expect(screen.getByText('2 rows')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Stale · updated 42 s ago · Promwall API unreachable');
    expect(container.querySelector('[data-panel-state="stale"]')).not.toBeNull();
  });
});
