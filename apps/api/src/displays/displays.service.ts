import type { Display, Heartbeat } from '@promwall/core/schemas';

interface Entry extends Omit<Display, 'alive'> {
  lastSeenMs: number;
}

/** The walls that report a heartbeat, in memory: bounded, oldest forgotten first. */
export class DisplaysService {
  private readonly displays = new Map<string, Entry>();

  constructor(
    private readonly maxDisplays = 500,
    private readonly now: () => number = Date.now,
  ) {}

  record(heartbeat: Heartbeat, client: { address: string; userAgent: string }): void {
    const now = this.now();
    const previous = this.displays.get(heartbeat.id);
    this.displays.delete(heartbeat.id);
    this.displays.set(heartbeat.id, {
      ...heartbeat,
      address: client.address,
      userAgent: client.userAgent.slice(0, 256),
      firstSeenAt: previous?.firstSeenAt ?? new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      lastSeenMs: now,
    });
    for (const id of this.displays.keys()) {
      if (this.displays.size <= this.maxDisplays) break;
      this.displays.delete(id);
    }
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
