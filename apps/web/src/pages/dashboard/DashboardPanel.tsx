import type { Panel, PanelData } from '@promwall/core/dashboardSchemas';
import { useQuery } from '@tanstack/react-query';
import { panelQuery, type Variables } from '../../api/dashboards.ts';
import { AlertsSummary } from '../../components/alerts/AlertsPanel.tsx';
import { statTone } from '../../components/boards/statTone.ts';
import { chartPoints } from '../../components/charts/TimeSeriesChart.tsx';
import { PanelState } from '../../components/PanelState.tsx';
import { TargetsSummary } from '../../components/targets/TargetsPanel.tsx';
import type { TimeRange } from '../../url/timeRange.ts';
import { PanelActions } from './PanelActions.tsx';
import { StatView } from './panels/StatView.tsx';
import { TableView } from './panels/TableView.tsx';
import { TimeseriesView } from './panels/TimeseriesView.tsx';
import { usePanelBox } from './usePanelBox.ts';

/** Points for panels whose size does not decide their resolution: one cache entry each. */
const FIXED_POINTS = 120;
const CHART_HEIGHT = { page: 220, full: 560 } as const;

export interface DashboardPanelProps {
  board: { id: string; version: string };
  panel: Panel;
  range: TimeRange;
  refreshMs: number;
  variables: Variables;
  timeZone: string | undefined;
  fullScreen: boolean;
  onFullScreen: (panel: string | null) => void;
  onZoom: (startMs: number, endMs: number) => void;
}

function isEmpty(data: PanelData): boolean {
  switch (data.type) {
    case 'timeseries':
      return data.series.every((series) => series.points.every(([, value]) => value === null));
    case 'table':
      return data.rows.length === 0;
    default:
      return false;
  }
}

/** One panel of a board: its frame and actions, its honest state, and its view by type. */
export function DashboardPanel({
  board,
  panel,
  range,
  refreshMs,
  variables,
  timeZone,
  fullScreen,
  onFullScreen,
  onZoom,
}: DashboardPanelProps) {
  const [ref, { width, seen }] = usePanelBox<HTMLDivElement>();
  const points = panel.type === 'timeseries' ? chartPoints(width) : FIXED_POINTS;
  const query = useQuery({
    ...panelQuery(
      { board: board.id, version: board.version, panel: panel.id, range, points, variables },
      { refreshMs },
    ),
    // A chart's resolution follows its width, unknown until it is laid out.
    enabled: seen && (panel.type !== 'timeseries' || width > 0),
  });

  return (
    <section
      className={`panel board-panel board-panel--${panel.type}${fullScreen ? ' board-panel--full' : ''}`}
      data-testid={`panel-${panel.id}`}
      data-panel-type={panel.type}
      data-tone={query.data?.type === 'stat' ? statTone(query.data) : undefined}
      aria-label={panel.title}
    >
      <header className="board-panel__head">
        <h2 className="panel__title board-panel__title" title={panel.description}>
          {panel.title}
        </h2>
        <PanelActions
          board={board.id}
          panel={panel}
          data={query.data}
          range={range}
          fullScreen={fullScreen}
          onFullScreen={onFullScreen}
        />
      </header>
      <div ref={ref} className="board-panel__body">
        <PanelState
          query={query}
          refreshMs={refreshMs}
          isEmpty={isEmpty}
          markedStale={(data) => data.stale}
          updatedAt={(data) => Date.parse(data.generatedAt)}
          emptyMessage={panel.type === 'table' ? 'The query returned no series.' : undefined}
        >
          {(data) => {
            switch (data.type) {
              case 'stat':
                return <StatView data={data} timeZone={timeZone} />;
              case 'timeseries':
                return (
                  panel.type === 'timeseries' && (
                    <TimeseriesView
                      data={data}
                      width={width}
                      height={fullScreen ? CHART_HEIGHT.full : CHART_HEIGHT.page}
                      min={panel.min}
                      max={panel.max}
                      stacked={panel.stacked}
                      timeZone={timeZone}
                      onZoom={onZoom}
                    />
                  )
                );
              case 'table':
                return <TableView data={data} />;
              case 'targets':
                return <TargetsSummary data={data} />;
              case 'alerts':
                return <AlertsSummary data={data} />;
            }
          }}
        </PanelState>
      </div>
    </section>
  );
}
