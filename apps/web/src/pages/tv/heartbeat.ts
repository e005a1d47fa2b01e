import type { Heartbeat } from '@promwall/core/schemas';
import { WEB_VERSION } from './webVersion.ts';

// The API refuses longer pages.
const MAX_PAGE_LENGTH = 256;

export function heartbeat(
  id: string,
  location: Pick<Location, 'pathname' | 'search'>,
  refreshMs: number,
  lastRefreshAt: number | undefined,
): Heartbeat {
  return {
    id,
    version: WEB_VERSION,
    page: `${location.pathname}${location.search}`.slice(0, MAX_PAGE_LENGTH),
    refreshMs,
    lastRefreshAt: lastRefreshAt === undefined ? null : new Date(lastRefreshAt).toISOString(),
  };
}
