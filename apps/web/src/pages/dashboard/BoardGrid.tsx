import type { DashboardFile, Panel } from '@promwall/core/dashboardSchemas';
import type { ReactNode } from 'react';
import { rowLayout } from '../../components/boards/rowLayout.ts';

export interface BoardGridProps {
  definition: DashboardFile;
  renderPanel: (panel: Panel) => ReactNode;
  /** Only this panel, over the whole width; the board when null. */
  only?: string | null;
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
