import type { Display, Heartbeat } from '@promwall/core/schemas';
import {
  DISPLAY_LIMITS,
  isAlive,
  MAX_USER_AGENT_LENGTH,
  REPORTING_MS,
  type DisplayClient,
  type DisplayLimits,
  type DisplaysStore,
  type HeartbeatOutcome,
} from './displays.store.ts';

interface Entry extends Omit<Display, 'alive'> {
  lastSeenMs: number;
}

/** The walls that report a heartbeat, in memory and bounded, by the rules of `DisplaysStore`. */
export class MemoryDisplaysStore implements DisplaysStore {
  private readonly displays = new Map<string, Entry>();

  constructor(
    private readonly limits: DisplayLimits = DISPLAY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async record(heartbeat: Heartbeat, client: DisplayClient): Promise<HeartbeatOutcome> {
    const now = this.now();
    const previous = this.displays.get(heartbeat.id);
    const reporting = (entry: Entry) => now - entry.lastSeenMs <= REPORTING_MS;
    if (previous && previous.address !== client.address && reporting(previous)) return 'id_taken';
    if (!previous) {
      let fromAddress = 0;
      for (const entry of this.displays.values()) if (entry.address === client.address) fromAddress++;
      if (fromAddress >= this.limits.maxPerAddress) return 'address_full';
      if (this.displays.size >= this.limits.maxDisplays) {
        // The Map is in order of last heartbeat: the first quiet entry is the least recent.
        const quiet = [...this.displays].find(([, entry]) => !reporting(entry));
        if (!quiet) return 'full';
        this.displays.delete(quiet[0]);
      }
    }
    this.displays.delete(heartbeat.id);
    this.displays.set(heartbeat.id, {
      ...heartbeat,
      address: client.address,
      userAgent: client.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
      firstSeenAt: previous?.firstSeenAt ?? new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      lastSeenMs: now,
    });
    return 'recorded';
  }

  async list(): Promise<Display[]> {
    const now = this.now();
    return [...this.displays.values()]
      .map(({ lastSeenMs, ...display }) => ({ ...display, alive: isAlive(lastSeenMs, display.refreshMs, now) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
