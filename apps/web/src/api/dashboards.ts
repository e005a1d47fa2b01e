import { variableParam } from '@promwall/core/dashboards';
import type { Dashboard, Dashboards, PanelData } from '@promwall/core/dashboardSchemas';
import { formatDuration } from '@promwall/core/duration';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { rangeLength, type TimeRange } from '../url/timeRange.ts';
import { fetchJson } from './fetchJson.ts';

/** A board's variable selections: '' selects every value. Part of every key that depends on them. */
export type Variables = Readonly<Record<string, string>>;

const polling = (refreshMs: number) => (refreshMs > 0 ? refreshMs : false);

function variableSearch(variables: Variables): [string, string][] {
  return Object.entries(variables).map(([name, value]) => [variableParam(name), value]);
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/** Every board, for the top bar and the TV's rotation: `GET /api/v1/dashboards`. */
export function dashboardsQuery() {
  return queryOptions({
    queryKey: ['dashboards'],
    queryFn: ({ signal }) => fetchJson<Dashboards>('/api/v1/dashboards', { signal }),
    // Boards change when their files do: a minute is soon enough for the list.
    staleTime: 60_000,
  });
}

/** One board with its variables' values: `GET /api/v1/dashboards/{id}`. */
export function dashboardQuery(id: string, variables: Variables, refreshMs: number) {
  const search = new URLSearchParams(variableSearch(variables)).toString();
  return queryOptions({
    queryKey: ['dashboard', id, variables],
    queryFn: ({ signal }) =>
      fetchJson<Dashboard>(`/api/v1/dashboards/${path(id)}${search ? `?${search}` : ''}`, { signal }),
    // Picking a variable keeps the board on screen while the narrowed values come.
    placeholderData: keepPreviousData,
    refetchInterval: polling(refreshMs),
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
export function panelQuery({ board, version, panel, range, points, variables }: PanelParams, refreshMs: number) {
  const search = new URLSearchParams([
    ['range', formatDuration(rangeLength(range))],
    ['points', String(points)],
    ...(range.kind === 'absolute' ? [['end', new Date(range.endMs).toISOString()] as [string, string]] : []),
    ...variableSearch(variables),
  ]);
  return queryOptions({
    queryKey: ['panel', board, version, panel, { range, points, variables }],
    queryFn: ({ signal }) =>
      fetchJson<PanelData>(`/api/v1/dashboards/${path(board, 'panels', panel)}?${search}`, { signal }),
    refetchInterval: range.kind === 'relative' ? polling(refreshMs) : false,
    placeholderData: keepPreviousData,
  });
}
