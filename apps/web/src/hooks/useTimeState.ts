import { useMemo } from 'react';
import { updateSearch, useSearch } from '../router.tsx';
import { decodeTimeState, encodeTimeState, type TimeState } from '../url/timeRange.ts';

/** The page's time range and refresh interval, kept in the URL so any view is a shareable link. */
export function useTimeState(): [TimeState, (next: TimeState) => void] {
  const search = useSearch();
  const state = useMemo(() => decodeTimeState(search), [search]);
  return [state, (next) => updateSearch(encodeTimeState(next))];
}
