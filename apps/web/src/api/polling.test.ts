import { describe, expect, it } from 'vitest';
import { requestTimeoutMs } from './polling.ts';

describe('requestTimeoutMs', () => {
  it('waits two intervals, at least 15 s and at most a minute', () => {
    expect(requestTimeoutMs(250)).toBe(15_000);
    expect(requestTimeoutMs(10_000)).toBe(20_000);
    expect(requestTimeoutMs(3_600_000)).toBe(60_000);
  });
});
