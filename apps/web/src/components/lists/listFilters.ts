/**
 * URL and text-matching helpers shared by the targets and alerts lists. A multi-choice filter is
 * one comma-separated parameter (`health=down,unknown`), so `updateSearch` can set it in one go.
 */

/** Reads `a,b` into the allowed values it names, deduplicated, in the order of `allowed`. */
export function decodeChoices<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  const named = new Set((value ?? '').split(','));
  return allowed.filter((choice) => named.has(choice));
}

/** Reads `a,b` into its distinct non-empty values, in the order given. */
export function decodeList(value: string | null): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** The parameter for a list of choices, or undefined (removed from the URL) when it is empty. */
export function encodeList(values: readonly string[]): string | undefined {
  return values.length ? values.join(',') : undefined;
}

/** Adds the value when absent, removes it when present. */
export function toggleChoice<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}

/** Every whitespace-separated word of the query occurs, case-insensitively, in one of the fields. */
export function matchesText(fields: readonly string[], query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Labels as `name=value`, so that a search for `job=node` finds them. */
export function labelPairs(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([name, value]) => `${name}=${value}`);
}
