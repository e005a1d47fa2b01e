import type { Display, Heartbeat } from '@promwall/core/schemas';
import {
  isAlive,
  MAX_DISPLAYS,
  MAX_USER_AGENT_LENGTH,
  type DisplayClient,
  type DisplaysStore,
} from './displays.store.ts';

interface Entry extends Omit<Display, 'alive'> {
  lastSeenMs: number;
}

/** The walls that report a heartbeat, in memory: bounded, oldest forgotten first. */
export class MemoryDisplaysStore implements DisplaysStore {
  private readonly displays = new Map<string, Entry>();

  constructor(
    private readonly maxDisplays = MAX_DISPLAYS,
    private readonly now: () => number = Date.now,
  ) {}

  async record(heartbeat: Heartbeat, client: DisplayClient): Promise<void> {
    const now = this.now();
    const previous = this.displays.get(heartbeat.id);
    this.displays.delete(heartbeat.id);
    this.displays.set(heartbeat.id, {
      ...heartbeat,
      address: client.address,
      userAgent: client.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
      firstSeenAt: previous?.firstSeenAt ?? new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      lastSeenMs: now,
    });
    for (const id of this.displays.keys()) {
      if (this.displays.size <= this.maxDisplays) break;
      this.displays.delete(id);
    }
  }

  async list(): Promise<Display[]> {
    const now = this.now();
    return [...this.displays.values()]
      .map(({ lastSeenMs, ...display }) => ({ ...display, alive: isAlive(lastSeenMs, display.refreshMs, now) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
