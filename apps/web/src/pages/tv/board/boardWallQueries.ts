import { variableParam } from '@promwall/core/dashboards';
import type { Dashboard, PanelData } from '@promwall/core/dashboardSchemas';
import { queryOptions } from '@tanstack/react-query';
import type { RefreshMonitor } from '../refreshMonitor.ts';
import { tracked, wallPolling } from '../tvQueries.ts';

/** A wall's charts are read from across a room: this many points are more than an eye tells apart. */
export const WALL_POINTS = 300;

type Variables = Readonly<Record<string, string>>;

const variableSearch = (variables: Variables) =>
  Object.entries(variables).map(([name, value]): [string, string] => [variableParam(name), value]);

/** A board as the wall shows it: `GET /api/v1/dashboards/{id}`, polled to follow its file. */
export function tvDashboardQuery(id: string, variables: Variables, refreshMs: number, monitor: RefreshMonitor) {
  const search = new URLSearchParams(variableSearch(variables)).toString();
  return queryOptions({
    queryKey: ['tv', 'dashboard', id, variables],
    queryFn: ({ signal }) =>
      tracked<Dashboard>(
        monitor,
        `dashboard:${id}`,
        `/api/v1/dashboards/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
        refreshMs,
        signal,
      ),
    ...wallPolling(refreshMs),
  });
}

export interface WallPanelParams {
  board: string;
  version: string;
  panel: string;
  /** The board's range as a duration, e.g. `1h`. */
  range: string;
  variables: Variables;
}

/** One panel's data on a wall; a moving window, so the key holds the range, never a time. */
export function tvPanelQuery(
  { board, version, panel, range, variables }: WallPanelParams,
  refreshMs: number,
  monitor: RefreshMonitor,
) {
  const search = new URLSearchParams([['range', range], ['points', String(WALL_POINTS)], ...variableSearch(variables)]);
  return queryOptions({
    queryKey: ['tv', 'panel', board, version, panel, { range, variables }],
    queryFn: ({ signal }) =>
      tracked<PanelData>(
        monitor,
        `panel:${board}/${panel}`,
        `/api/v1/dashboards/${encodeURIComponent(board)}/panels/${encodeURIComponent(panel)}?${search}`,
        refreshMs,
        signal,
      ),
    ...wallPolling(refreshMs),
  });
}
