import { useSearchState } from '../url/useSearchState.ts';
import { decodeTimeState, encodeTimeState, type TimeState } from '../url/timeRange.ts';

/** The page's time range and refresh interval, kept in the URL so any view is a shareable link. */
export function useTimeState(): [TimeState, (next: TimeState) => void] {
  const [state, update] = useSearchState(decodeTimeState, encodeTimeState);
  return [state, (next) => update(next)];
}
