import { formatValue, type Unit } from '@promwall/core/units';
import type { ChartConfig } from './chartConfig.ts';
import type { ChartRow, ChartSeries } from './chartData.ts';
import { formatPointTime } from './timeAxis.ts';

/** Enough rows to read at a glance; with 50 series the rest are summed up in one line. */
const MAX_ROWS = 10;

export interface ChartTooltipProps {
  row: ChartRow | undefined;
  series: readonly ChartSeries[];
  config: ChartConfig;
  hidden: ReadonlySet<string>;
  unit: Unit;
  timeZone?: string | undefined;
}

/** The values at the hovered time, highest first, each with its series' colour. */
export function ChartTooltip({ row, series, config, hidden, unit, timeZone }: ChartTooltipProps) {
  if (!row) return null;
  const values = series
    .filter(({ label }) => !hidden.has(label))
    .map(({ key, label }) => ({ key, label, value: row[key] }))
    .filter((entry): entry is typeof entry & { value: number } => typeof entry.value === 'number')
    .sort((a, b) => b.value - a.value);
  const more = values.length - MAX_ROWS;

  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__time">{formatPointTime(row.t, timeZone)}</p>
      {values.length === 0 ? (
        <p className="chart-tooltip__empty">No samples at this time</p>
      ) : (
        <table className="chart-tooltip__values">
          <tbody>
            {values.slice(0, MAX_ROWS).map(({ key, label, value }) => (
              <tr key={key}>
                <td>
                  <span className="chart-legend__swatch" style={{ background: config[key]?.color }} />
                </td>
                <td className="chart-tooltip__label">{label}</td>
                <td className="chart-tooltip__value">{formatValue(value, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more > 0 && <p className="chart-tooltip__more">and {more} more</p>}
    </div>
  );
}
