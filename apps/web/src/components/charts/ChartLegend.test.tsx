// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chartConfig } from './chartConfig.ts';
import type { ChartSeries } from './chartData.ts';
import { ChartLegend, LEGEND_SHOWN } from './ChartLegend.tsx';

afterEach(cleanup);

const series = (count: number): ChartSeries[] =>
  Array.from({ length: count }, (_, i) => ({ key: `s${i}`, label: `instance="node-${i}:9100", job="node"` }));

const entries = () => screen.getAllByRole('button', { pressed: true });

describe('<ChartLegend>', () => {
  it('names every series when they fit', () => {
    const all = series(LEGEND_SHOWN);
    render(<ChartLegend series={all} config={chartConfig(all)} hidden={new Set()} onToggle={vi.fn()} />);
    expect(entries()).toHaveLength(LEGEND_SHOWN);
    expect(screen.queryByTestId('legend-more')).toBeNull();
  });

  it('keeps the rest behind "+N more", which lists them all and folds them again', () => {
    const all = series(30);
    render(<ChartLegend series={all} config={chartConfig(all)} hidden={new Set()} onToggle={vi.fn()} />);
    const more = screen.getByTestId('legend-more');
    expect(more.textContent).toBe(`+${30 - (LEGEND_SHOWN - 1)} more`);
    expect(entries()).toHaveLength(LEGEND_SHOWN - 1);
    fireEvent.click(more);
    expect(entries()).toHaveLength(30);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByText('Show fewer'));
    expect(entries()).toHaveLength(LEGEND_SHOWN - 1);
  });

  it('gives each entry its whole label on hover', () => {
    const all = series(2);
    render(<ChartLegend series={all} config={chartConfig(all)} hidden={new Set()} onToggle={vi.fn()} />);
    expect(entries()[1]!.getAttribute('title')).toContain('instance="node-1:9100", job="node"');
  });
});
