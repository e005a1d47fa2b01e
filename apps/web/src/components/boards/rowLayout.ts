import { GRID_COLUMNS } from '@promwall/core/dashboards';
import type { Panel } from '@promwall/core/dashboardSchemas';

/**
 * The grid of a row: 12 columns when a panel sets its width (the others sharing what is left),
 * else one equal column per panel, so five stats fill the row as well as four.
 */
export function rowLayout(panels: readonly Panel[]): { columns: number; spans: number[] } {
  if (panels.every((panel) => panel.width === undefined)) return { columns: panels.length, spans: panels.map(() => 1) };
  const fixed = panels.reduce((sum, panel) => sum + (panel.width ?? 0), 0);
  const free = panels.filter((panel) => panel.width === undefined).length;
  const share = free > 0 ? Math.max(1, Math.floor((GRID_COLUMNS - fixed) / free)) : 0;
  return { columns: GRID_COLUMNS, spans: panels.map((panel) => panel.width ?? share) };
}
