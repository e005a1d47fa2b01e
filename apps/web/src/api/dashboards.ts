import { variableParam } from '@promwall/core/dashboards';
import type { Dashboard, Dashboards, PanelData } from '@promwall/core/dashboardSchemas';
import { formatDuration } from '@promwall/core/duration';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { rangeLength, type TimeRange } from '../url/timeRange.ts';
import { fetchJson } from './client.ts';
import { fetchPolled, policyKey, pollingOptions, type Polling } from './polling.ts';

/** A board's variable selections: '' selects every value. Part of every key that depends on them. */
export type Variables = Readonly<Record<string, string>>;

/** `?var-job=node&…`, with its `?`; '' without variables or other parameters. */
function searchOf(params: [string, string][], variables: Variables): string {
  const all = new URLSearchParams([
    ...params,
    ...Object.entries(variables).map(([name, value]): [string, string] => [variableParam(name), value]),
  ]).toString();
  return all ? `?${all}` : '';
}

const segment = encodeURIComponent;

/** Every board, for the top bar: `GET /api/v1/dashboards`. */
export function dashboardsQuery() {
  return queryOptions({
    queryKey: ['dashboards'],
    queryFn: ({ signal }) => fetchJson<Dashboards>('/api/v1/dashboards', { signal }),
    // Boards change when their files do: a minute is soon enough for the list.
    staleTime: 60_000,
  });
}

/** One board with its variables' values: `GET /api/v1/dashboards/{id}`, polled to follow its file. */
export function dashboardQuery(id: string, variables: Variables, polling: Polling) {
  const path = `/api/v1/dashboards/${segment(id)}${searchOf([], variables)}`;
  return queryOptions({
    queryKey: ['dashboard', id, variables, policyKey(polling)],
    queryFn: ({ signal }) => fetchPolled<Dashboard>(polling, `dashboard:${id}`, path, signal),
    ...pollingOptions(polling),
    // Picking a variable keeps the board on screen while the narrowed values come.
    ...(polling.wall ? {} : { placeholderData: keepPreviousData }),
  });
}

export interface PanelParams {
  board: string;
  /** The served version of the board: a new one asks every panel again. */
  version: string;
  panel: string;
  range: TimeRange;
  /** The panel's width in pixels: no series gets more points than that. */
  points: number;
  variables: Variables;
}

/**
 * One panel's data: `GET /api/v1/dashboards/{id}/panels/{panel}`. A moving window's key holds
 * its length, not timestamps, so each refresh replaces one cache entry; the API ends it at now.
 */
export function panelQuery({ board, version, panel, range, points, variables }: PanelParams, polling: Polling) {
  const params: [string, string][] = [
    ['range', formatDuration(rangeLength(range))],
    ['points', String(points)],
    ...(range.kind === 'absolute' ? [['end', new Date(range.endMs).toISOString()] as [string, string]] : []),
  ];
  const path = `/api/v1/dashboards/${segment(board)}/panels/${segment(panel)}${searchOf(params, variables)}`;
  return queryOptions({
    queryKey: ['panel', board, version, panel, { range, points, variables }, policyKey(polling)],
    queryFn: ({ signal }) => fetchPolled<PanelData>(polling, `panel:${board}/${panel}`, path, signal),
    ...pollingOptions(polling),
    // A fixed range never changes: no polling.
    ...(range.kind === 'absolute' ? { refetchInterval: false as const } : {}),
    ...(polling.wall ? {} : { placeholderData: keepPreviousData }),
  });
}
