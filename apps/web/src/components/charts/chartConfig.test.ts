import { describe, expect, it } from 'vitest';
import { chartConfig, PALETTE_SIZE, stableHash } from './chartConfig.ts';
import type { ChartSeries } from './chartData.ts';

const series = (...labels: string[]): ChartSeries[] => labels.map((label, i) => ({ key: `s${i}`, label }));

describe('chartConfig', () => {
  it('gives a series the same colour whatever else is on the chart', () => {
    const alone = chartConfig(series('node-a:9100'));
    const withOthers = chartConfig(series('db:9187', 'node-a:9100', 'zz:1'));
    expect(withOthers.s1!.color).toBe(alone.s0!.color);
    expect(withOthers.s1!.label).toBe('node-a:9100');
  });

  it('gives distinct colours while the palette lasts', () => {
    const labels = Array.from({ length: PALETTE_SIZE }, (_, i) => `instance-${i}`);
    const colors = Object.values(chartConfig(series(...labels))).map((style) => style.color);
    expect(new Set(colors).size).toBe(PALETTE_SIZE);
  });

  it('reuses colours beyond the palette rather than failing', () => {
    const config = chartConfig(series(...Array.from({ length: 50 }, (_, i) => `n${i}`)));
    expect(Object.values(config)).toHaveLength(50);
    expect(Object.values(config).every((style) => /^var\(--chart-\d+\)$/.test(style.color))).toBe(true);
  });
});

describe('stableHash', () => {
  it('is a fixed unsigned 32-bit number per text', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
  });
});
