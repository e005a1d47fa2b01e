/** Explore's own part of the URL; the time range is shared with other pages (url/timeRange.ts). */
export type ExploreTab = 'table' | 'graph';

export interface ExploreState {
  /** The expression last run; empty when none. */
  expr: string;
  tab: ExploreTab;
}

const DEFAULT_TAB: ExploreTab = 'table';

/** Reads `?expr=…&tab=graph`. An unknown tab falls back to the table: a shared link must open. */
export function decodeExploreState(search: string): ExploreState {
  const params = new URLSearchParams(search);
  return {
    expr: params.get('expr')?.trim() ?? '',
    tab: params.get('tab') === 'graph' ? 'graph' : DEFAULT_TAB,
  };
}

/** The query parameters for a state; the default tab and an empty expression are left out. */
export function encodeExploreState({ expr, tab }: ExploreState): Record<string, string | undefined> {
  const trimmed = expr.trim();
  return {
    expr: trimmed === '' ? undefined : trimmed,
    tab: tab === DEFAULT_TAB ? undefined : tab,
  };
}
