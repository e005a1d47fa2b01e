import type { ChartSeries, SeriesKey } from './chartData.ts';

/** What a chart needs to draw and name one series. */
export interface SeriesStyle {
  label: string;
  color: string;
}

export type ChartConfig = Record<SeriesKey, SeriesStyle>;

/** The series palette lives in charts.css (`--chart-1` …), one set per theme. */
export const PALETTE_SIZE = 10;

const paletteColor = (index: number) => `var(--chart-${index + 1})`;

/** FNV-1a, 32 bit: cheap, and the same label gives the same number in every browser. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The one map from series key to label and colour. A series' colour comes from its label, so
 * `node-1` keeps its colour across charts and refreshes; when two labels in one chart land on
 * the same colour, the later one (in label order) takes the next free one.
 */
export function chartConfig(series: readonly ChartSeries[]): ChartConfig {
  const taken = new Set<number>();
  const config: ChartConfig = {};
  for (const { key, label } of series) {
    let index = stableHash(label) % PALETTE_SIZE;
    if (taken.size < PALETTE_SIZE) {
      while (taken.has(index)) index = (index + 1) % PALETTE_SIZE;
    }
    taken.add(index);
    config[key] = { label, color: paletteColor(index) };
  }
  return config;
}
