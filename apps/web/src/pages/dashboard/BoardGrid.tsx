import { GRID_COLUMNS } from '@promwall/core/dashboards';
import type { DashboardFile, Panel } from '@promwall/core/dashboardSchemas';
import type { ReactNode } from 'react';

export interface BoardGridProps {
  definition: DashboardFile;
  renderPanel: (panel: Panel) => ReactNode;
  /** Only this panel, over the whole width; the board when null. */
  only?: string | null;
}

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

/** The board's rows of panels on a grid of 12 columns, each row under its title. */
export function BoardGrid({ definition, renderPanel, only = null }: BoardGridProps) {
  if (only) {
    const panel = definition.rows.flatMap((row) => row.panels).find((candidate) => candidate.id === only);
    return panel ? <div className="board-grid board-grid--full">{renderPanel(panel)}</div> : null;
  }
  return (
    <div className="board-grid">
      {definition.rows.map((row, index) => {
        const { columns, spans } = rowLayout(row.panels);
        return (
          <section key={index} className="board-row" aria-label={row.title}>
            {row.title && <h2 className="board-row__title">{row.title}</h2>}
            <div className="board-row__panels" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
              {row.panels.map((panel, i) => (
                <div key={panel.id} className="board-row__cell" style={{ gridColumn: `span ${spans[i]}` }}>
                  {renderPanel(panel)}
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
