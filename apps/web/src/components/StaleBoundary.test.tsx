// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../api/client.ts';
import { PanelState } from './PanelState.tsx';
import { StaleBoundary, staleSummary } from './StaleBoundary.tsx';

afterEach(cleanup);

const NOW = 1_800_000_000_000;

describe('staleSummary', () => {
  it('gives the oldest age and every reason once', () => {
    expect(
      staleSummary(
        [
          { updatedAt: NOW - 20_000, reason: 'Prometheus unreachable' },
          { updatedAt: NOW - 45_000, reason: undefined },
          { updatedAt: NOW - 30_000, reason: 'Prometheus unreachable' },
        ],
        NOW,
      ),
    ).toBe('Stale · updated 45 s ago · Prometheus unreachable');
    expect(staleSummary([], NOW)).toBeUndefined();
  });
});

describe('<StaleBoundary>', () => {
  const stale = {
    data: [1],
    error: new HttpError(502, 'upstream_unreachable', 'prometheus is unreachable'),
    dataUpdatedAt: Date.now() - 40_000,
    isPending: false,
  };

  it('shows one banner for all its stale panels, which only dim', async () => {
    render(
      <StaleBoundary>
        {Array.from({ length: 10 }, (_, i) => (
          <PanelState key={i} query={stale} refreshMs={5_000}>
            {(data) => <p>{data.length} value</p>}
          </PanelState>
        ))}
      </StaleBoundary>,
    );
    const banner = await screen.findByTestId('page-stale-banner');
    expect(banner.textContent).toMatch(/^Stale · updated 4\d s ago · Prometheus unreachable$/);
    expect(document.querySelectorAll('.stale-banner')).toHaveLength(1);
    expect(document.querySelectorAll('[data-panel-state="stale"]')).toHaveLength(10);
  });

  it('leaves a panel outside any boundary its own banner', () => {
    render(
      <PanelState query={stale} refreshMs={5_000}>
        {(data) => <p>{data.length} value</p>}
      </PanelState>,
    );
    expect(screen.getByRole('status').textContent).toContain('Stale · updated');
    expect(screen.queryByTestId('page-stale-banner')).toBeNull();
  });
});
