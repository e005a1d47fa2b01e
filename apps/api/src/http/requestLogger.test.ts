import { describe, expect, it } from 'vitest';
import { requestLogLevel, SLOW_REQUEST_MS } from './requestLogger.ts';

describe('requestLogLevel', () => {
  it.each([
    [200, 3, false, 'debug'],
    [304, 3, false, 'debug'],
    [200, SLOW_REQUEST_MS, false, 'info'],
    [404, 3, false, 'warn'],
    [429, 3, false, 'warn'],
    [502, 3, false, 'error'],
    [200, 3, true, 'error'],
  ] as const)('logs a %i answered in %i ms (failed: %s) at %s', (status, ms, failed, level) => {
    expect(requestLogLevel(status, ms, failed)).toBe(level);
  });
});
