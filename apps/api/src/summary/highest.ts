import type { Truncation } from '@promwall/core/schemas';

/**
 * The `limit` items with the highest values (no value counts lowest), in their original order,
 * and a note of the cut when there was one. Every headline metric reads "higher is worse"
 * (its thresholds are upper bounds), so what is kept is what an operator looks for first.
 */
export function highest<T>(
  items: readonly T[],
  limit: number,
  valueOf: (item: T) => number | null,
): { kept: T[]; truncated?: Truncation } {
  if (items.length <= limit) return { kept: [...items] };
  const ranked = items.map((item, index) => ({ index, value: valueOf(item) ?? Number.NEGATIVE_INFINITY }));
  ranked.sort((a, b) => b.value - a.value || a.index - b.index);
  const kept = ranked
    .slice(0, limit)
    .sort((a, b) => a.index - b.index)
    .map(({ index }) => items[index]!);
  return { kept, truncated: { limit, total: items.length } };
}
