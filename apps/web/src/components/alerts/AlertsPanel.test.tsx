// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '../lists/testing.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { manyAlerts, noAlerts, RECORDED_AT, recordedAlerts } from './testFixtures.ts';

const renderPanel = (answer: unknown) =>
  renderWithApi(<AlertsPanel refreshMs={30_000} />, { '/api/v1/alerts': answer });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(RECORDED_AT);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('<AlertsPanel>', () => {
  it('lists the firing critical alert first, with its summary and since when', async () => {
    renderPanel(recordedAlerts);
    const rows = await screen.findAllByTestId('alert-row');
    expect(rows.map((row) => `${row.dataset.name} ${row.dataset.state} ${row.dataset.severity}`)).toEqual([
      'InstanceDown firing critical',
      'HighRequestLatency firing warning',
      'HighCPUUsage firing warning',
      'DatabaseConnectionHigh pending critical',
    ]);
    expect(rows[0]!.textContent).toContain('node target 127.0.0.1:39100 is down');
    expect(rows[0]!.textContent).toContain('for 4m 2s');
  });

  it('marks the silenced alert', async () => {
    renderPanel(recordedAlerts);
    const rows = await screen.findAllByTestId('alert-row');
    const cpu = rows.find((row) => row.dataset.name === 'HighCPUUsage')!;
    expect(cpu.dataset.silenced).toBe('true');
    expect(cpu.textContent).toContain('Silenced');
  });

  it('shows eight alerts, then links to the rest', async () => {
    renderPanel(manyAlerts);
    expect(await screen.findAllByTestId('alert-row')).toHaveLength(8);
    expect(screen.getByRole('link', { name: 'and 2 more' }).getAttribute('href')).toBe('/alerts');
  });

  it('says no alerts are firing when there are none', async () => {
    renderPanel(noAlerts);
    expect(await screen.findByText('No alerts firing')).toBeTruthy();
    expect(screen.getByText('No Alertmanager configured: silences not shown')).toBeTruthy();
  });
});
