import { describe, expect, it } from 'vitest';
import { activeFor, compareSeverity, severityKey, severityTone } from './alertLooks.ts';

describe('severities', () => {
  it('sorts the known ones by urgency, then others alphabetically, then none', () => {
    expect(['none', 'info', 'page', 'warning', 'critical', 'audit', 'error'].sort(compareSeverity)).toEqual([
      'critical',
      'error',
      'warning',
      'info',
      'audit',
      'page',
      'none',
    ]);
  });

  it('calls a missing severity none and gives unknown ones no colour', () => {
    expect(severityKey(null)).toBe('none');
    expect(severityTone('critical')).toBe('critical');
    expect(severityTone('page')).toBe('neutral');
  });
});

describe('activeFor', () => {
  const at = '2026-11-22T00:00:00.000Z';
  const now = Date.parse(at);

  it.each([
    [0, 'just now'],
    [45_000, 'for 45 s'],
    [200_000, 'for 3m 20s'],
    [7_500_000, 'for 2h 5m'],
  ])('after %i ms says %s', (elapsed, text) => {
    expect(activeFor(at, now + elapsed)).toBe(text);
  });
});
