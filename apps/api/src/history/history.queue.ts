/**
 * Rounds waiting for the database, oldest first, never more than `capacity`: when full, the
 * oldest goes, so that after a long outage the most recent history is the part kept.
 */
export class RoundQueue<T> {
  private readonly items: T[] = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds at the end; answers how many of the oldest were dropped to make room. */
  push(item: T): number {
    this.items.push(item);
    const excess = this.items.length - this.capacity;
    if (excess <= 0) return 0;
    this.items.splice(0, excess);
    return excess;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  newest(): T | undefined {
    return this.items.at(-1);
  }

  shift(): T | undefined {
    return this.items.shift();
  }
}
