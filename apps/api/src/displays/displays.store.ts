import type { Display, Heartbeat } from '@promwall/core/schemas';

/** Where the walls' heartbeats are kept: in this process's memory, or in the database that
 * every replica shares when one is configured. */
export interface DisplaysStore {
  record(heartbeat: Heartbeat, client: DisplayClient): Promise<void>;
  /** Every known wall, by id. */
  list(): Promise<Display[]>;
}

export interface DisplayClient {
  address: string;
  userAgent: string;
}

/** Walls kept; past this the one heard from longest ago is forgotten. */
export const MAX_DISPLAYS = 500;
export const MAX_USER_AGENT_LENGTH = 256;

/** A wall is alive when heard from within three of its refresh intervals, at least a minute. */
export function isAlive(lastSeenMs: number, refreshMs: number, nowMs: number): boolean {
  return nowMs - lastSeenMs <= Math.max(60_000, 3 * refreshMs);
}
