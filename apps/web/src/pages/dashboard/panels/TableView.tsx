import type { TableData } from '@promwall/core/dashboardSchemas';
import { formatValue } from '@promwall/core/units';

/** A table panel: one row per series of an instant query, its label columns and its value. */
export function TableView({ data }: { data: TableData }) {
  return (
    <div className="table-view">
      <table>
        <thead>
          <tr>
            {data.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col" className="table-view__value">
              value
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, index) => (
            <tr key={index}>
              {data.columns.map((column) => (
                <td key={column}>{row.labels[column] ?? ''}</td>
              ))}
              <td className="table-view__value">{formatValue(row.value, data.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.truncated && <p className="panel-note">Only the first {data.rows.length} rows are shown.</p>}
    </div>
  );
}
