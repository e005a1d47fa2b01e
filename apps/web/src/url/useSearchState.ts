import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export interface SearchUpdate {
  /** Replace the history entry instead of adding one: for typing, which would flood it. */
  replace?: boolean;
}

/**
 * A page's state in its query string, read and written through a pure codec (`url/timeRange.ts`,
 * the list filters, `exploreUrl.ts`). Writing sets the codec's parameters (undefined removes
 * one) and keeps the others; each change is a history entry, so Back undoes it, unless `replace`.
 */
export function useSearchState<S>(
  decode: (search: string) => S,
  encode: (state: S) => Record<string, string | undefined>,
): [S, (next: S, update?: SearchUpdate) => void] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => decode(search), [decode, search]);
  const update = useCallback(
    (next: S, { replace = false }: SearchUpdate = {}) => {
      const changed = new URLSearchParams(search);
      for (const [name, value] of Object.entries(encode(next))) {
        if (value === undefined) changed.delete(name);
        else changed.set(name, value);
      }
      if (changed.toString() === search) return;
      // A filter or a range is a change of view, not of page: the scroll position stays.
      setParams(changed, { replace, preventScrollReset: true });
    },
    [encode, search, setParams],
  );
  return [state, update];
}
