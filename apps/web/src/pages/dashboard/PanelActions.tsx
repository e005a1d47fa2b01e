import type { Panel, PanelData } from '@promwall/core/dashboardSchemas';
import { Link } from 'react-router';
import { encodeTimeState, DEFAULT_REFRESH_MS, type TimeRange } from '../../url/timeRange.ts';
import { encodeExploreState } from '../explore/exploreUrl.ts';
import { csvFileName, panelCsv } from './panelCsv.ts';

export interface PanelActionsProps {
  board: string;
  panel: Panel;
  data: PanelData | undefined;
  range: TimeRange;
  fullScreen: boolean;
  onFullScreen: (panel: string | null) => void;
}

/** The PromQL a panel runs, its variables applied once its data came; as written before. */
function queriesOf(panel: Panel, data: PanelData | undefined): string[] {
  if (data?.type === 'timeseries') return data.queries;
  if (data?.type === 'stat' || data?.type === 'table') return [data.query];
  if (panel.type === 'timeseries') return panel.queries.map(({ query }) => query);
  if (panel.type === 'stat' || panel.type === 'table') return [panel.query];
  return [];
}

/** `/explore?expr=…` on the panel's range, as a graph for charts. */
export function exploreLink(query: string, range: TimeRange, graph: boolean): string {
  const params = new URLSearchParams();
  const state = {
    ...encodeExploreState({ expr: query, tab: graph ? 'graph' : 'table' }),
    ...encodeTimeState({ range, refreshMs: DEFAULT_REFRESH_MS }),
  };
  for (const [name, value] of Object.entries(state)) if (value !== undefined) params.set(name, value);
  return `/explore?${params}`;
}

function download(board: string, panel: string, data: PanelData): void {
  const url = URL.createObjectURL(new Blob([panelCsv(data)], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = csvFileName(board, panel, new Date());
  anchor.click();
  // The click has started the download; the object URL is not needed past it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Open in Explore, download CSV, full screen: what every panel offers. */
export function PanelActions({ board, panel, data, range, fullScreen, onFullScreen }: PanelActionsProps) {
  const queries = queriesOf(panel, data);
  return (
    <div className="board-panel__actions">
      {queries.map((query, index) => (
        <Link
          key={index}
          to={exploreLink(query, range, panel.type === 'timeseries')}
          className="board-panel__action"
          title={query}
          data-testid="explore-link"
        >
          Explore{queries.length > 1 ? ` ${index + 1}` : ''}
        </Link>
      ))}
      <button
        type="button"
        className="board-panel__action"
        disabled={!data}
        onClick={() => data && download(board, panel.id, data)}
        data-testid="csv-download"
      >
        CSV
      </button>
      <button
        type="button"
        className="board-panel__action"
        aria-pressed={fullScreen}
        onClick={() => onFullScreen(fullScreen ? null : panel.id)}
        data-testid="full-screen"
      >
        {fullScreen ? 'Exit full screen' : 'Full screen'}
      </button>
    </div>
  );
}
