import { describe, expect, it } from 'vitest';
import {
  decodeHistoryState,
  DEFAULT_HISTORY_STATE,
  encodeHistoryState,
  rangeBounds,
  type HistoryState,
} from './historyState.ts';

function search(params: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
}

describe('the History page URL', () => {
  it.each<HistoryState>([
    DEFAULT_HISTORY_STATE,
    { metric: 'rps', instance: '10.0.0.1:8000', range: { kind: 'preset', preset: 'year' }, resolution: '1d' },
    {
      metric: 'latencyP95',
      instance: undefined,
      range: { kind: 'custom', fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 3, 1) },
      resolution: 'auto',
    },
  ])('round-trips %j', (state) => {
    expect(decodeHistoryState(search(encodeHistoryState(state)))).toEqual(state);
  });

  it('leaves the defaults out of the link', () => {
    expect(search(encodeHistoryState(DEFAULT_HISTORY_STATE))).toBe('');
  });

  it.each([
    ['metric=disk', { metric: 'cpu' }],
    ['resolution=1m', { resolution: 'auto' }],
    ['range=decade', { range: { kind: 'preset', preset: 'month' } }],
    ['from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z', { range: { kind: 'preset', preset: 'month' } }],
    ['from=yesterday&to=today&range=quarter', { range: { kind: 'preset', preset: 'quarter' } }],
    ['from=1990-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', { range: { kind: 'preset', preset: 'month' } }],
    [`instance=${'x'.repeat(2000)}`, { instance: undefined }],
  ])('falls back to a default for %s', (query, expected) => {
    expect(decodeHistoryState(query)).toEqual({ ...DEFAULT_HISTORY_STATE, ...expected });
  });

  it('ends a preset now and keeps a custom range as it is', () => {
    const now = Date.UTC(2026, 6, 1);
    expect(rangeBounds({ kind: 'preset', preset: 'quarter' }, now)).toEqual({
      fromMs: now - 91 * 86_400_000,
      toMs: now,
    });
    expect(rangeBounds({ kind: 'custom', fromMs: 1, toMs: 2 }, now)).toEqual({ fromMs: 1, toMs: 2 });
  });
});
