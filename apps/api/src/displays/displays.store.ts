import type { Display, Heartbeat } from '@promwall/core/schemas';
import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';

/**
 * Where the walls' heartbeats are kept: in this process's memory, or in the database that every
 * replica shares when one is configured. Both keep the same rules, since heartbeats carry no
 * credentials and anyone may send them; what keeps a flood from pushing real walls out:
 * - a wall that is reporting is never forgotten: room is made only by forgetting the wall heard
 *   from least recently among those gone quiet, and a new id is refused while none has;
 * - a reporting wall's id is refreshed only from the address it reports from, so another address
 *   can neither keep a dead wall looking alive nor take its place while it reports;
 * - one address adds at most `maxPerAddress` walls, so one sender cannot fill the list alone.
 * Behind a reverse proxy this needs server.trustProxy, or every wall has the proxy's address.
 */
export interface DisplaysStore {
  record(heartbeat: Heartbeat, client: DisplayClient): Promise<HeartbeatOutcome>;
  /** Every known wall, by id. */
  list(): Promise<Display[]>;
}

export type HeartbeatOutcome = 'recorded' | 'id_taken' | 'address_full' | 'full';

export interface DisplayClient {
  address: string;
  userAgent: string;
}

export interface DisplayLimits {
  /** Walls kept. */
  maxDisplays: number;
  /** New walls one address may add. */
  maxPerAddress: number;
}

export const DISPLAY_LIMITS: DisplayLimits = { maxDisplays: 500, maxPerAddress: 50 };
export const MAX_USER_AGENT_LENGTH = 256;

/** A wall heard from within three heartbeats is reporting: it is never forgotten nor taken over. */
export const REPORTING_MS = 3 * DISPLAY_HEARTBEAT_MS;

/** A wall is alive when heard from within three of its refresh intervals, at least a minute. */
export function isAlive(lastSeenMs: number, refreshMs: number, nowMs: number): boolean {
  return nowMs - lastSeenMs <= Math.max(60_000, 3 * refreshMs);
}
