// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TargetsPanel } from './TargetsPanel.tsx';
import { allUpTargets, NODE_ERROR, noTargets, RECORDED_AT, recordedTargets } from './testFixtures.ts';
import { renderWithApi } from '../lists/testing.tsx';

const renderPanel = (answer: unknown) =>
  renderWithApi(<TargetsPanel refreshMs={30_000} />, { '/api/v1/targets': answer });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(RECORDED_AT + 5_000);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('<TargetsPanel>', () => {
  it('counts the targets and lists only the down ones, with their error and since when they are down', async () => {
    renderPanel(recordedTargets);
    const counts = await screen.findByTestId('target-counts');
    expect(counts.textContent).toContain('Down1');
    const rows = screen.getAllByTestId('target-row');
    expect(rows.map((row) => row.dataset.health)).toEqual(['down']);
    expect(within(rows[0]!).getByText(NODE_ERROR)).toBeTruthy();
    expect(within(rows[0]!).getByTestId('down-since').textContent).toMatch(/^down since \d\d:06:41 · 1m 20s$/);
    expect(screen.getByRole('link', { name: 'All targets' }).getAttribute('href')).toBe('/targets');
  });

  it('says the one target is up in the singular', async () => {
    renderPanel({
      ...allUpTargets,
      counts: { up: 1, down: 0, unknown: 0, total: 1 },
      targets: allUpTargets.targets.slice(0, 1),
    });
    expect(await screen.findByText('The one target is up')).toBeTruthy();
  });

  it('says all targets are up when none is down', async () => {
    renderPanel(allUpTargets);
    expect(await screen.findByText('All 2 targets up')).toBeTruthy();
    expect(screen.queryAllByTestId('target-row')).toHaveLength(0);
  });

  it('says so when there are no targets', async () => {
    renderPanel(noTargets);
    expect(await screen.findByText('No scrape targets')).toBeTruthy();
  });
});
