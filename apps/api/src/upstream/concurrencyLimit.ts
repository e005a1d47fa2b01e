/** Gives the slot back; calling it more than once has no further effect. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release | undefined) => void;
  timer: NodeJS.Timeout;
}

/**
 * At most `max` holders at once; the others wait in turn, each for at most `queueTimeoutMs`, and
 * are then turned away (`acquire` resolves undefined) so that an overload is answered quickly
 * with a 503 rather than by requests that pile up without end.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly max: number,
    readonly queueTimeoutMs: number,
  ) {}

  /** A release function once a slot is free, or undefined after waiting `queueTimeoutMs`. */
  acquire(): Promise<Release | undefined> {
    if (this.active < this.max) return Promise.resolve(this.take());
    return new Promise((grant) => {
      const waiter: Waiter = {
        grant,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          grant(undefined);
        }, this.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** The seconds a refused client should wait: the queue's patience, rounded up. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.queueTimeoutMs / 1000));
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private take(): Release {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        // The slot passes straight to the next waiter: `active` stays as it is.
        this.active--;
        next.grant(this.take());
      } else {
        this.active--;
      }
    };
  }
}
