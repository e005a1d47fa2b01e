import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE, DEFAULT_REFRESH_MS, decodeTimeState, encodeTimeState, type TimeState } from './timeRange.ts';

function roundTrip(state: TimeState): TimeState {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(encodeTimeState(state))) if (value !== undefined) params.set(name, value);
  return decodeTimeState(`?${params}`);
}

describe('time state in the URL', () => {
  it.each<TimeState>([
    { range: { kind: 'relative', ms: 300_000 }, refreshMs: 5_000 },
    { range: { kind: 'relative', ms: 7 * 86_400_000 }, refreshMs: 0 },
    { range: { kind: 'relative', ms: 5_400_000 }, refreshMs: 60_000 },
    { range: DEFAULT_RANGE, refreshMs: DEFAULT_REFRESH_MS },
    {
      range: { kind: 'absolute', startMs: Date.UTC(2026, 10, 20, 8), endMs: Date.UTC(2026, 10, 20, 9, 30) },
      refreshMs: 0,
    },
  ])('survives encode and decode: %j', (state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it('refreshes every 10 s by default, so an outage shows within one refresh of the API having it', () => {
    expect(DEFAULT_REFRESH_MS).toBe(10_000);
    expect(decodeTimeState('').refreshMs).toBe(10_000);
    expect(encodeTimeState({ range: DEFAULT_RANGE, refreshMs: 30_000 }).refresh).toBe('30s');
  });

  it('leaves defaults out of the URL', () => {
    expect(encodeTimeState({ range: DEFAULT_RANGE, refreshMs: DEFAULT_REFRESH_MS })).toEqual({
      range: undefined,
      from: undefined,
      to: undefined,
      refresh: undefined,
    });
    expect(encodeTimeState({ range: { kind: 'relative', ms: 900_000 }, refreshMs: 0 })).toMatchObject({
      range: '15m',
      refresh: 'off',
    });
  });

  it.each([
    '?range=forever',
    '?range=1s',
    '?range=1y',
    '?from=yesterday&to=today',
    '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
    '?refresh=1ms',
    '?refresh=-5s',
  ])('falls back to the defaults for %s', (search) => {
    expect(decodeTimeState(search)).toEqual({ range: DEFAULT_RANGE, refreshMs: DEFAULT_REFRESH_MS });
  });
});
