import type { Display, Heartbeat } from '@promwall/core/schemas';
import { DISPLAY_HEARTBEAT_MS } from '@promwall/core/tv';

interface Entry extends Omit<Display, 'alive'> {
  lastSeenMs: number;
}

export type HeartbeatOutcome = 'recorded' | 'id_taken' | 'address_full' | 'full';

/** A wall heard from within three heartbeats is reporting: it is never forgotten nor taken over. */
const REPORTING_MS = 3 * DISPLAY_HEARTBEAT_MS;

/**
 * The walls that report a heartbeat, in memory and bounded. Heartbeats carry no credentials, so
 * anyone may send them; what keeps a flood from pushing real walls out:
 * - a wall that is reporting is never forgotten: room is made only by forgetting the wall heard
 *   from least recently among those gone quiet, and a new id is refused while none has;
 * - a reporting wall's id is refreshed only from the address it reports from, so another address
 *   can neither keep a dead wall looking alive nor take its place while it reports;
 * - one address adds at most `maxPerAddress` walls, so one sender cannot fill the list alone.
 * Behind a reverse proxy this needs server.trustProxy, or every wall has the proxy's address.
 */
export class DisplaysService {
  private readonly displays = new Map<string, Entry>();

  constructor(
    private readonly limits: { maxDisplays: number; maxPerAddress: number } = { maxDisplays: 500, maxPerAddress: 50 },
    private readonly now: () => number = Date.now,
  ) {}

  record(heartbeat: Heartbeat, client: { address: string; userAgent: string }): HeartbeatOutcome {
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
      userAgent: client.userAgent.slice(0, 256),
      firstSeenAt: previous?.firstSeenAt ?? new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      lastSeenMs: now,
    });
    return 'recorded';
  }

  list(): Display[] {
    const now = this.now();
    return [...this.displays.values()]
      .map(({ lastSeenMs, ...display }) => ({
        ...display,
        alive: now - lastSeenMs <= Math.max(60_000, 3 * display.refreshMs),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
