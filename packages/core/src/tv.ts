// Kept apart from the zod schemas: the TV wall needs these names, not the validation code.

/** Panels a TV wall can show beside its tiles, and the pages it can rotate through: 'overview'
 * is tiles, targets strip and alerts band; the others fill the screen with one list. */
export const TV_PANELS = ['targets', 'alerts'] as const;
export const TV_PAGES = ['overview', 'alerts', 'targets'] as const;
export type TvPanel = (typeof TV_PANELS)[number];
export type TvPageName = (typeof TV_PAGES)[number];
