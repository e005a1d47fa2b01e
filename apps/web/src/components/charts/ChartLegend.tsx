import { useState } from 'react';
import type { ChartConfig } from './chartConfig.ts';
import type { ChartSeries } from './chartData.ts';

/** Series named before "+N more": about two lines of a wide chart, never a scroll box. */
export const LEGEND_SHOWN = 12;

export interface ChartLegendProps {
  series: readonly ChartSeries[];
  config: ChartConfig;
  hidden: ReadonlySet<string>;
  onToggle: (label: string) => void;
}

/** One button per series; pressing it hides or shows that series. Past a dozen, the rest wait
 * behind "+N more", which lists them all. Each label's full text is its tooltip. */
export function ChartLegend({ series, config, hidden, onToggle }: ChartLegendProps) {
  const [open, setOpen] = useState(false);
  const shown = open || series.length <= LEGEND_SHOWN ? series : series.slice(0, LEGEND_SHOWN - 1);
  const more = series.length - shown.length;
  return (
    <ul className={open ? 'chart-legend chart-legend--open' : 'chart-legend'} aria-label="Series">
      {shown.map(({ key, label }) => {
        const visible = !hidden.has(label);
        return (
          <li key={key}>
            <button
              type="button"
              className="chart-legend__item"
              aria-pressed={visible}
              title={`${label}\n${visible ? 'Click to hide' : 'Click to show'}`}
              onClick={() => onToggle(label)}
            >
              <span className="chart-legend__swatch" style={{ background: config[key]?.color }} />
              <span className="chart-legend__label">{label}</span>
            </button>
          </li>
        );
      })}
      {(more > 0 || open) && series.length > LEGEND_SHOWN && (
        <li>
          <button
            type="button"
            className="chart-legend__more"
            aria-expanded={open}
            data-testid="legend-more"
            onClick={() => setOpen(!open)}
          >
            {open ? 'Show fewer' : `+${more} more`}
          </button>
        </li>
      )}
    </ul>
  );
}
