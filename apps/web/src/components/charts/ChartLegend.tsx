import type { ChartConfig } from './chartConfig.ts';
import type { ChartSeries } from './chartData.ts';

export interface ChartLegendProps {
  series: readonly ChartSeries[];
  config: ChartConfig;
  hidden: ReadonlySet<string>;
  onToggle: (label: string) => void;
}

/** One button per series; pressing it hides or shows that series. */
export function ChartLegend({ series, config, hidden, onToggle }: ChartLegendProps) {
  return (
    <ul className="chart-legend" aria-label="Series">
      {series.map(({ key, label }) => {
        const shown = !hidden.has(label);
        return (
          <li key={key}>
            <button
              type="button"
              className="chart-legend__item"
              aria-pressed={shown}
              title={shown ? `Hide ${label}` : `Show ${label}`}
              onClick={() => onToggle(label)}
            >
              <span className="chart-legend__swatch" style={{ background: config[key]?.color }} />
              <span className="chart-legend__label">{label}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
