import type { Filters } from '../../api/summary.ts';

/** The overview shows everything; job and instance filters are not part of it yet. */
export const NO_FILTERS: Filters = {};
