/** The expressions last run on this browser, newest first, kept in localStorage. */
export const HISTORY_KEY = 'promwall.explore.history';
export const HISTORY_LIMIT = 20;

/** Puts `expr` first, drops its older copy and anything past the limit. */
export function addToHistory(history: readonly string[], expr: string, limit = HISTORY_LIMIT): string[] {
  const trimmed = expr.trim();
  if (trimmed === '') return [...history];
  return [trimmed, ...history.filter((item) => item !== trimmed)].slice(0, limit);
}

/**
 * The stored history; empty when storage is off, throws (private mode, a kiosk) or holds
 * something else than a list of strings. History is a convenience and never fails the page.
 */
export function readHistory(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(HISTORY_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const items = parsed.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return [...new Set(items)].slice(0, HISTORY_LIMIT);
  } catch {
    return [];
  }
}

/** Stores the history; a full or disabled storage is ignored. */
export function writeHistory(storage: Pick<Storage, 'setItem'> | undefined, history: readonly string[]): void {
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // Quota exceeded or storage disabled: the history then lasts for this page only.
  }
}

/** `window.localStorage`, or undefined where reading the property itself throws. */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
