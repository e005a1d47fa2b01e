import { memo } from 'react';
import type { QueryResult } from '../../api/prometheus.ts';
import { resultRows } from './resultRows.ts';
import { SeriesName } from './SeriesName.tsx';

export interface ResultTableProps {
  result: QueryResult;
}

const count = new Intl.NumberFormat('en-US');

/** The instant result: each series with its value, or the scalar or string, capped in rows. */
export const ResultTable = memo(function ResultTable({ result }: ResultTableProps) {
  const { rows, total } = resultRows(result);
  return (
    <>
      {rows.length < total && (
        <p className="explore-note" role="status">
          Showing the first {count.format(rows.length)} of {count.format(total)} series. Narrow the query to see the
          rest.
        </p>
      )}
      <table className="explore-table" data-testid="explore-table">
        <thead>
          <tr>
            <th scope="col">
              {result.resultType === 'vector' || result.resultType === 'matrix' ? 'Series' : 'Result'}
            </th>
            <th scope="col" className="explore-table__value">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td className="explore-table__series">
                {row.kind === 'series' ? (
                  <SeriesName metric={row.metric} />
                ) : (
                  <span className="explore-table__kind">{row.kind}</span>
                )}
              </td>
              <td className="explore-table__value">
                {row.values.map((value, i) => (
                  <div key={i}>{value}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});
