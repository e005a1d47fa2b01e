import { describe, expect, it } from 'vitest';
import { RoundQueue } from './history.queue.ts';

describe('RoundQueue', () => {
  it('hands rounds back oldest first', () => {
    const queue = new RoundQueue<number>(3);
    queue.push(1);
    queue.push(2);

    expect(queue.peek()).toBe(1);
    expect(queue.shift()).toBe(1);
    expect(queue.shift()).toBe(2);
    expect(queue.shift()).toBeUndefined();
  });

  it('drops the oldest rounds past its capacity and says how many', () => {
    const queue = new RoundQueue<number>(3);
    const dropped = [1, 2, 3, 4, 5].map((round) => queue.push(round));

    expect(dropped).toEqual([0, 0, 0, 1, 1]);
    expect(queue.size).toBe(3);
    expect(queue.peek()).toBe(3);
    expect(queue.newest()).toBe(5);
  });
});
