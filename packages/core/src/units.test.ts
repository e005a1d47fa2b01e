import { describe, expect, it } from 'vitest';
import {
  NO_VALUE,
  UNITS,
  formatAge,
  formatBytes,
  formatCount,
  formatPercent,
  formatRate,
  formatSeconds,
  formatValue,
  formatValueParts,
  unitLabel,
} from './units.ts';

const units = UNITS;
const missing = [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Values just below every power of ten and of 1024 over a wide range, where rounding
 * could carry a figure into the next unit. */
const nearBoundaries = [-12, -9, -6, -3, 0, 3, 6, 9, 12, 15, 18].flatMap((exponent) =>
  [0.9994, 0.9995, 0.99951, 0.99999].flatMap((fraction) => [
    10 ** exponent * fraction,
    1024 ** (exponent / 3) * fraction,
  ]),
);

function expectAll(format: (value: number) => string, cases: [number, string][]): void {
  for (const [value, text] of cases) expect(format(value), String(value)).toBe(text);
}

describe('formatBytes', () => {
  it('uses IEC units to 3 significant digits', () => {
    expectAll(formatBytes, [
      [0, '0 B'],
      [1, '1 B'],
      [512, '512 B'],
      [1536, '1.5 KiB'],
      [1024 ** 2 * 12.3, '12.3 MiB'],
      [1024 ** 3 * 1.02, '1.02 GiB'],
      [1024 ** 4 * 123.4, '123 TiB'],
      [1024 ** 5 * 3, '3 PiB'],
      [1024 ** 6 * 2, '2 EiB'],
    ]);
  });

  it('keeps every integer digit below 1024 rather than rounding 1023 to 1020', () => {
    expectAll(formatBytes, [
      [1000, '1000 B'],
      [1023, '1023 B'],
      [1024 * 1023.4, '1023 KiB'],
    ]);
  });

  it('moves to the next unit when rounding reaches 1024', () => {
    expectAll(formatBytes, [
      [1023.6, '1 KiB'],
      [1024, '1 KiB'],
      [1024 ** 2 - 1, '1 MiB'],
      [1024 ** 3 - 1, '1 GiB'],
    ]);
  });

  it('stays in EiB beyond it', () => {
    expect(formatBytes(2 ** 70)).toBe('1024 EiB');
  });

  it('keeps the sign of negative values and never writes -0', () => {
    expectAll(formatBytes, [
      [-1536, '-1.5 KiB'],
      [-512, '-512 B'],
      [-0, '0 B'],
    ]);
  });

  it('writes fractions of a byte in plain decimals', () => {
    expectAll(formatBytes, [
      [0.5, '0.5 B'],
      [0.1234, '0.123 B'],
      [1e-9, '0.000000001 B'],
    ]);
  });

  it('shows no value for NaN and infinities', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatBytes(value)).toBe(NO_VALUE);
  });
});

describe('formatSeconds', () => {
  it('writes zero as 0 ms', () => {
    expect(formatSeconds(0)).toBe('0 ms');
    expect(formatSeconds(-0)).toBe('0 ms');
  });

  it('writes sub-second durations in ns, µs and ms to 3 significant digits', () => {
    expectAll(formatSeconds, [
      [1e-12, '0.001 ns'],
      [5e-10, '0.5 ns'],
      [42e-9, '42 ns'],
      [850e-6, '850 µs'],
      [1.5e-6, '1.5 µs'],
      [0.0123, '12.3 ms'],
      [0.23, '230 ms'],
      [0.0012345, '1.23 ms'],
    ]);
  });

  it('writes seconds below a minute to 3 significant digits', () => {
    expectAll(formatSeconds, [
      [1, '1 s'],
      [1.25, '1.25 s'],
      [1.255_1, '1.26 s'],
      [42, '42 s'],
      [59.94, '59.9 s'],
    ]);
  });

  it('writes a minute and more as two units, leaving out a zero second part', () => {
    expectAll(formatSeconds, [
      [60, '1m'],
      [61.4, '1m 1s'],
      [200, '3m 20s'],
      [3_599.4, '59m 59s'],
      [3_600, '1h'],
      [7_500, '2h 5m'],
      [86_400, '1d'],
      [3 * 86_400 + 4 * 3_600, '3d 4h'],
      [400 * 86_400, '400d'],
      [1e9, '11574d 2h'],
    ]);
  });

  it('never prints 1000 of a unit nor 60 of a minute part', () => {
    expectAll(formatSeconds, [
      [999.96e-9, '1 µs'],
      [999.96e-6, '1 ms'],
      [0.999_51, '1 s'],
      [59.96, '1m'],
      [3_599.6, '1h'],
      [86_399, '1d'],
      [86_400 - 20, '1d'],
      [3 * 86_400 - 24 * 60, '3d'],
      [2 * 3_600 - 20, '2h'],
    ]);
    for (const value of nearBoundaries) {
      expect(formatSeconds(value), String(value)).not.toMatch(/^1000 |^60 s$|\b60[smh]\b|\b24h\b/);
    }
  });

  it('keeps the sign of negative durations', () => {
    expectAll(formatSeconds, [
      [-0.0123, '-12.3 ms'],
      [-200, '-3m 20s'],
    ]);
  });

  it('shows no value for NaN and infinities', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatSeconds(value)).toBe(NO_VALUE);
  });
});

describe('formatPercent', () => {
  it('writes 3 significant digits with the sign attached', () => {
    expectAll(formatPercent, [
      [0, '0%'],
      [0.05, '0.05%'],
      [0.001234, '0.00123%'],
      [5, '5%'],
      [12.345, '12.3%'],
      [99.9, '99.9%'],
      [99.94, '99.9%'],
      [100, '100%'],
    ]);
  });

  it('rounds 99.95 and above to 100%', () => {
    expect(formatPercent(99.96)).toBe('100%');
  });

  it('writes whole percents from 100 up', () => {
    expectAll(formatPercent, [
      [123.4, '123%'],
      [1234.5, '1235%'],
    ]);
  });

  it('keeps the sign of negative values but never writes -0%', () => {
    expectAll(formatPercent, [
      [-3.21, '-3.21%'],
      [-0, '0%'],
      [-1e-200, '0%'],
    ]);
  });

  it('shows no value for NaN and infinities', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatPercent(value)).toBe(NO_VALUE);
  });
});

describe('formatCount', () => {
  it('writes counts below 1000 without decimals when whole, else with up to 2', () => {
    expectAll(formatCount, [
      [0, '0'],
      [1, '1'],
      [950, '950'],
      [12.5, '12.5'],
      [12.3456, '12.35'],
      [0.25, '0.25'],
      [999.9, '999.9'],
    ]);
  });

  it('keeps 2 significant digits for small non-zero values instead of showing 0', () => {
    expectAll(formatCount, [
      [0.0033, '0.0033'],
      [0.000_012_34, '0.000012'],
    ]);
  });

  it('uses SI suffixes to 3 significant digits from 1000 up', () => {
    expectAll(formatCount, [
      [1_000, '1k'],
      [1_200, '1.2k'],
      [1_234, '1.23k'],
      [12_300, '12.3k'],
      [999_499, '999k'],
      [4.56e6, '4.56M'],
      [7.8e9, '7.8G'],
      [1.2e12, '1.2T'],
      [3e15, '3P'],
      [3e18, '3E'],
      [5e21, '5000E'],
    ]);
  });

  it('moves to the next suffix when rounding reaches 1000', () => {
    expectAll(formatCount, [
      [999.996, '1k'],
      [999_500, '1M'],
      [999_999_999, '1G'],
    ]);
    for (const value of nearBoundaries.filter((v) => v >= 1)) {
      expect(formatCount(value), String(value)).not.toMatch(/^1000[kMGTP]?$/);
    }
  });

  it('keeps the sign of negative values', () => {
    expectAll(formatCount, [
      [-1_200, '-1.2k'],
      [-7, '-7'],
      [-0.001, '-0.001'],
      [-0, '0'],
    ]);
  });

  it('shows no value for NaN and infinities', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatCount(value)).toBe(NO_VALUE);
  });
});

describe('formatRate', () => {
  it('writes a count followed by req/s by default', () => {
    expectAll(formatRate, [
      [12.3, '12.3 req/s'],
      [1_200, '1.2k req/s'],
      [0.25, '0.25 req/s'],
      [0, '0 req/s'],
      [-5, '-5 req/s'],
    ]);
  });

  it('takes another unit', () => {
    expect(formatRate(4_560, 'msg/s')).toBe('4.56k msg/s');
  });

  it('shows no value for NaN and infinities, without the unit', () => {
    expect(formatRate(Number.NaN)).toBe(NO_VALUE);
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe(NO_VALUE);
  });
});

describe('formatValueParts', () => {
  it('splits each unit into figure and unit', () => {
    expect(formatValueParts(12.3, 'percent')).toEqual({ number: '12.3', unit: '%' });
    expect(formatValueParts(0.23, 'seconds')).toEqual({ number: '230', unit: 'ms' });
    expect(formatValueParts(1_200, 'requestsPerSecond')).toEqual({ number: '1.2k', unit: 'req/s' });
    expect(formatValueParts(42, 'count')).toEqual({ number: '42', unit: '' });
  });

  it('keeps a compound duration whole in the figure', () => {
    expect(formatValueParts(200, 'seconds')).toEqual({ number: '3m 20s', unit: '' });
  });

  it('gives an em dash and no unit for missing, NaN and infinite values, never 0', () => {
    for (const unit of units) {
      for (const value of missing)
        expect(formatValueParts(value, unit), `${unit} ${value}`).toEqual({ number: '—', unit: '' });
    }
  });
});

describe('formatValue', () => {
  it('dispatches by unit', () => {
    expect(formatValue(12.345, 'percent')).toBe('12.3%');
    expect(formatValue(4.56e6, 'count')).toBe('4.56M');
    expect(formatValue(12.3, 'requestsPerSecond')).toBe('12.3 req/s');
    expect(formatValue(0.23, 'seconds')).toBe('230 ms');
    expect(formatValue(200, 'seconds')).toBe('3m 20s');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(3.2 * 1024 ** 2, 'bytesPerSecond')).toBe('3.2 MiB/s');
  });

  it('agrees with the single-unit formatters', () => {
    for (const value of [0, -3.5, 0.004, 12.345, 999.96, 1_234_567, ...nearBoundaries]) {
      expect(formatValue(value, 'percent')).toBe(formatPercent(value));
      expect(formatValue(value, 'count')).toBe(formatCount(value));
      expect(formatValue(value, 'requestsPerSecond')).toBe(formatRate(value));
      expect(formatValue(value, 'seconds')).toBe(formatSeconds(value));
      expect(formatValue(value, 'bytes')).toBe(formatBytes(value));
      expect(formatValue(value, 'bytesPerSecond')).toBe(formatValue(value, 'bytes').replace(/B$/, 'B/s'));
    }
  });

  it('shows an em dash for missing, NaN and infinite values', () => {
    expect(NO_VALUE).toBe('—');
    for (const unit of units) {
      for (const value of missing) expect(formatValue(value, unit)).toBe(NO_VALUE);
    }
  });
});

describe('unitLabel', () => {
  it('gives the axis label of each unit, none for counts', () => {
    expect(unitLabel('percent')).toBe('%');
    expect(unitLabel('count')).toBe('');
    expect(unitLabel('requestsPerSecond')).toBe('req/s');
    expect(unitLabel('seconds')).toBe('s');
  });
});

describe('formatAge', () => {
  it('says just now below a second, and for timestamps slightly in the future', () => {
    expectAll(formatAge, [
      [0, 'just now'],
      [999, 'just now'],
      [-5_000, 'just now'],
    ]);
  });

  it('rounds down to whole seconds, minutes, hours and days', () => {
    expectAll(formatAge, [
      [1_000, '1 s ago'],
      [5_400, '5 s ago'],
      [59_999, '59 s ago'],
      [60_000, '1 min ago'],
      [120_000, '2 min ago'],
      [3_599_999, '59 min ago'],
      [3_600_000, '1 h ago'],
      [3 * 3_600_000, '3 h ago'],
      [86_399_999, '23 h ago'],
      [86_400_000, '1 d ago'],
      [2 * 86_400_000, '2 d ago'],
      [400 * 86_400_000, '400 d ago'],
    ]);
  });

  it('shows no value for NaN and infinities', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatAge(value)).toBe(NO_VALUE);
  });
});
