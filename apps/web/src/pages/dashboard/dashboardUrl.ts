import { VARIABLE_PARAM_PREFIX } from '@promwall/core/dashboards';

/** A board's own part of the URL; the time range is shared with other pages (url/timeRange.ts). */
export interface BoardState {
  /** Selected variable values by name; '' selects every value, an absent name the board's default. */
  variables: Readonly<Record<string, string>>;
  /** The zone of the time axes: the browser's, or UTC. */
  timeZone: 'local' | 'utc';
  /** The panel shown full screen, by id; null for the whole board. */
  panel: string | null;
}

/** Reads `?var-job=node&tz=utc&panel=rps`. Anything else is left to the other decoders. */
export function decodeBoardState(search: string): BoardState {
  const params = new URLSearchParams(search);
  // fromEntries, not assignment: `var-__proto__` is a name like any other.
  const variables = Object.fromEntries(
    [...params]
      .filter(([name]) => name.startsWith(VARIABLE_PARAM_PREFIX) && name.length > VARIABLE_PARAM_PREFIX.length)
      .map(([name, value]) => [name.slice(VARIABLE_PARAM_PREFIX.length), value]),
  );
  return {
    variables,
    timeZone: params.get('tz') === 'utc' ? 'utc' : 'local',
    panel: params.get('panel') || null,
  };
}

/**
 * The query parameters for a state, defaults left out. `previous` names the variables of the
 * state being replaced, so that a variable set back to its default leaves the URL.
 */
export function encodeBoardState(
  state: BoardState,
  previous: Partial<BoardState> = {},
): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  for (const name of Object.keys(previous.variables ?? {})) params[`${VARIABLE_PARAM_PREFIX}${name}`] = undefined;
  for (const [name, value] of Object.entries(state.variables)) params[`${VARIABLE_PARAM_PREFIX}${name}`] = value;
  params.tz = state.timeZone === 'utc' ? 'utc' : undefined;
  params.panel = state.panel ?? undefined;
  return params;
}

/** The IANA zone a chart takes for a state: undefined is the browser's own. */
export function chartZone(timeZone: BoardState['timeZone']): string | undefined {
  return timeZone === 'utc' ? 'UTC' : undefined;
}
