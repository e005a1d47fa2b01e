import type { Heartbeat } from '@promwall/core/schemas';
import { WEB_VERSION } from './webVersion.ts';

const HEARTBEAT_TIMEOUT_MS = 10_000;
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

/** Sends one heartbeat; true when the API took it. A failure is the banner's business, not the
 * heartbeat's: it is dropped, and the next one goes out on time. */
export async function sendHeartbeat(body: Heartbeat): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HEARTBEAT_TIMEOUT_MS);
  try {
    const response = await fetch('/api/v1/displays/heartbeat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    return response.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
