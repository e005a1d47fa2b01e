import { describe, expect, it } from 'vitest';
import { clockMinutes, clockTime } from './clock.ts';

const AT = new Date(2026, 10, 22, 9, 3, 12).getTime();

describe('clockTime', () => {
  it('writes hours, minutes and seconds on a 24-hour clock', () => {
    expect(clockTime(AT)).toMatch(/^09:03:12$/);
    expect(clockTime(AT + 12 * 3_600_000)).toMatch(/^21:03:12$/);
  });

  it('puts the date before the time when asked', () => {
    const text = clockTime(AT, { withDate: true });
    expect(text).toContain('22');
    expect(text).toMatch(/09:03:12$/);
  });
});

describe('clockMinutes', () => {
  it('writes hours and minutes', () => {
    expect(clockMinutes(AT)).toBe('09:03');
  });
});
