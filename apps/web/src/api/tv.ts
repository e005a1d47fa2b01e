import type { Heartbeat, TvConfig } from '@promwall/core/schemas';
import { queryOptions } from '@tanstack/react-query';
import { fetchAnswer, fetchJson } from './client.ts';
import { requestTimeoutMs, wallOptions } from './polling.ts';

/** How often a wall asks for its configuration, which also tells the watchdog the API answers. */
export const CONFIG_PROBE_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;

/** A wall's record of whether the API answers its configuration probe (pages/tv/refreshMonitor.ts). */
export interface ApiProbe {
  probeAnswered(): void;
  probeFailed(): void;
}

/** The TV wall settings of the configuration: `GET /api/v1/tv/config`, polled as a wall polls. */
export function tvConfigQuery(probe: ApiProbe) {
  return queryOptions({
    queryKey: ['tv', 'config'],
    queryFn: async ({ signal }) => {
      try {
        const config = await fetchJson<TvConfig>('/api/v1/tv/config', {
          signal,
          timeoutMs: requestTimeoutMs(CONFIG_PROBE_MS),
        });
        probe.probeAnswered();
        return config;
      } catch (error) {
        probe.probeFailed();
        throw error;
      }
    },
    ...wallOptions(CONFIG_PROBE_MS),
  });
}

/**
 * Sends one heartbeat (`POST /api/v1/displays/heartbeat`); true when the API took it. A failure
 * is the banner's business, not the heartbeat's: it is dropped, and the next one goes out on time.
 */
export async function sendHeartbeat(body: Heartbeat): Promise<boolean> {
  try {
    const answer = await fetchAnswer('/api/v1/displays/heartbeat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    return answer.ok;
  } catch {
    return false;
  }
}
