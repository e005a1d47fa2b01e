import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads Prometheus durations, compound ones included', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1y')).toBe(31_536_000_000);
  });

  it('reads plain seconds as Prometheus does for step', () => {
    expect(parseDuration('15')).toBe(15_000);
    expect(parseDuration('0.5')).toBe(500);
  });

  it('refuses everything else', () => {
    for (const bad of ['', 'm', '-5m', '5M', '1m1h', '5 m', '1e3', 'NaN', '0x10', '9'.repeat(40), '5m;drop']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });
});

describe('formatDuration', () => {
  it('writes the shortest form', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(604_800_000)).toBe('7d');
    expect(formatDuration(15_000)).toBe('15s');
    expect(formatDuration(250)).toBe('250ms');
  });
});
