import type { PanelData } from '@promwall/core/dashboardSchemas';

/**
 * A panel's data as CSV (RFC 4180), as the panel shows it: a time series one column per series
 * and one row per time, a table its columns, a stat its value over the range, targets and
 * alerts one row each. Times are ISO 8601 in UTC; a gap is an empty cell, never 0.
 */
export function panelCsv(data: PanelData): string {
  return toCsv(rowsOf(data));
}

type Cell = string | number | null;

function rowsOf(data: PanelData): Cell[][] {
  switch (data.type) {
    case 'timeseries': {
      // The API's times share one ISO 8601 form (UTC, milliseconds): they sort as text.
      const times = [...new Set(data.series.flatMap((series) => series.points.map(([t]) => t)))].sort();
      const columns = data.series.map((series) => new Map(series.points));
      return [
        ['time', ...data.series.map((series) => series.name)],
        ...times.map((t) => [t, ...columns.map((column) => column.get(t) ?? null)]),
      ];
    }
    case 'stat':
      return [
        ['time', 'value'],
        ...(data.sparkline ? data.sparkline.points.map(([t, value]) => [t, value]) : []),
        ...(data.sparkline ? [] : [[data.generatedAt, data.value]]),
      ];
    case 'table':
      return [
        [...data.columns, 'value'],
        ...data.rows.map((row) => [...data.columns.map((column) => row.labels[column] ?? ''), row.value]),
      ];
    case 'targets':
      return [
        ['job', 'instance', 'health', 'last_scrape', 'last_error', 'scrape_url'],
        ...data.targets.map((t) => [t.job, t.instance, t.health, t.lastScrape, t.lastError, t.scrapeUrl]),
      ];
    case 'alerts':
      return [
        ['name', 'state', 'severity', 'active_at', 'summary', 'labels'],
        ...data.alerts.map((a) => [
          a.name,
          a.state,
          a.severity,
          a.activeAt,
          a.annotations.summary ?? '',
          Object.entries(a.labels)
            .map(([name, value]) => `${name}=${value}`)
            .join(' '),
        ]),
      ];
  }
}

function toCsv(rows: Cell[][]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A spreadsheet would run a label value such as =HYPERLINK(…) as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A file name for a panel's CSV: board, panel and the time it was taken. */
export function csvFileName(board: string, panel: string, at: Date): string {
  return `${board}-${panel}-${at.toISOString().replace(/[:.]/g, '-')}.csv`;
}
