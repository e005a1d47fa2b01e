import type { TableData } from '@promwall/core/dashboardSchemas';
import { formatValue } from '@promwall/core/units';

/** Rows a wall table lists at most; as many as its cell has room for show, and the count says how many there are. */
const ROWS = 12;

/** A table panel in the wall's large type: the first rows, and how many there are in all. */
export function WallTable({ title, data, stale }: { title: string; data: TableData | undefined; stale: boolean }) {
  const rows = data?.rows ?? [];
  return (
    <section className="tv-wall-table" data-testid="wall-table" data-stale={stale}>
      <h2 className="tv-wall-chart__title">{title}</h2>
      <div className="tv-wall-table__rows">
        <table>
          <tbody>
            {rows.slice(0, ROWS).map((row, index) => (
              <tr key={index}>
                {data!.columns.map((column) => (
                  <td key={column}>{row.labels[column] ?? ''}</td>
                ))}
                <td className="tv-wall-table__value">{formatValue(row.value, data!.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && <p className="tv-wall-table__more">{rows.length === 1 ? '1 row' : `${rows.length} rows`}</p>}
    </section>
  );
}
