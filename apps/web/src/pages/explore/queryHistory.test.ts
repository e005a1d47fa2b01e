// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_LIMIT, addToHistory, readHistory, writeHistory } from './queryHistory.ts';

describe('addToHistory', () => {
  it('puts the newest expression first', () => {
    expect(addToHistory(['up', 'rate(x[5m])'], 'sum(up)')).toEqual(['sum(up)', 'up', 'rate(x[5m])']);
  });

  it('moves a repeated expression to the top instead of keeping two copies', () => {
    expect(addToHistory(['up', 'sum(up)', 'rate(x[5m])'], 'sum(up)')).toEqual(['sum(up)', 'up', 'rate(x[5m])']);
  });

  it('counts expressions differing only in surrounding spaces as one', () => {
    expect(addToHistory(['up'], '  up \n')).toEqual(['up']);
  });

  it(`keeps the last ${HISTORY_LIMIT} expressions only`, () => {
    const full = Array.from({ length: HISTORY_LIMIT }, (_, i) => `q${i}`);

    const next = addToHistory(full, 'newest');

    expect(next).toHaveLength(HISTORY_LIMIT);
    expect(next[0]).toBe('newest');
    expect(next).not.toContain(`q${HISTORY_LIMIT - 1}`);
  });

  it('ignores an empty expression', () => {
    expect(addToHistory(['up'], '   ')).toEqual(['up']);
  });
});

describe('history in localStorage', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('reads back what it wrote', () => {
    writeHistory(localStorage, ['sum(up)', 'up']);

    expect(readHistory(localStorage)).toEqual(['sum(up)', 'up']);
  });

  it('reads nothing when nothing was stored', () => {
    expect(readHistory(localStorage)).toEqual([]);
  });

  it.each([['not json'], ['{"a":1}'], ['"up"'], ['null']])(
    'reads an empty history from a damaged entry: %s',
    (stored) => {
      localStorage.setItem(HISTORY_KEY, stored);

      expect(readHistory(localStorage)).toEqual([]);
    },
  );

  it('drops entries that are not expressions, and duplicates', () => {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(['up', 3, null, '', 'up', 'sum(up)']));

    expect(readHistory(localStorage)).toEqual(['up', 'sum(up)']);
  });

  it('ignores storage that throws, on read and on write', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };

    expect(readHistory(broken)).toEqual([]);
    expect(() => writeHistory(broken, ['up'])).not.toThrow();
  });

  it('works without storage at all', () => {
    expect(readHistory(undefined)).toEqual([]);
    expect(() => writeHistory(undefined, ['up'])).not.toThrow();
  });
});
