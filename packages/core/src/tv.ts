// Kept apart from the zod schemas: the TV wall needs these names, not the validation code.

/** Panels a TV wall can show beside its tiles, and the pages it can rotate through: 'overview'
 * is tiles, targets strip and alerts band; the others fill the screen with one list. */
export const TV_PANELS = ['targets', 'alerts'] as const;
export const TV_PAGES = ['overview', 'alerts', 'targets'] as const;
export type TvPanel = (typeof TV_PANELS)[number];
export type TvPageName = (typeof TV_PAGES)[number];

/** Bounds of a wall's settings, checked by the API's configuration and by the wall's URL. */
export const TV_LIMITS = {
  maxRefreshMs: 3_600_000,
  minRotateMs: 1_000,
  maxRotateMs: 3_600_000,
  // A shorter reload would leave no time to read the wall; setTimeout cannot wait past 24.8 days.
  minReloadMs: 60_000,
  maxReloadMs: 7 * 86_400_000,
  maxTitleLength: 80,
} as const;

/** A wall's name in its heartbeat and in `?id=`. */
export const DISPLAY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** How often a wall reports its heartbeat; the API judges walls quiet by it. */
export const DISPLAY_HEARTBEAT_MS = 30_000;
