import { describe, expect, it } from 'vitest';
import { ThrottledLog, createLogger, describeError } from './log.ts';

describe('createLogger', () => {
  it('writes one line per message, info to out and errors to err', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createLogger(
      'promwall-demo',
      { write: (c: string) => out.push(c) },
      { write: (c: string) => err.push(c) },
      () => new Date('2024-01-02T03:04:05.000Z'),
    );
    log.info('listening on http://127.0.0.1:1');
    log.error('first\n  second\r\nthird');
    expect(out).toEqual(['2024-01-02T03:04:05.000Z info promwall-demo: listening on http://127.0.0.1:1\n']);
    expect(err).toEqual(['2024-01-02T03:04:05.000Z error promwall-demo: first second third\n']);
  });
});

describe('describeError', () => {
  it('keeps it short and on one line', () => {
    const error = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    expect(describeError(error)).toBe('ECONNREFUSED connection refused');
    expect(describeError(new AggregateError([new Error('inner failure')], ''))).toBe('inner failure');
    expect(describeError('plain')).toBe('plain');
  });
});

describe('ThrottledLog', () => {
  it('logs at most once per interval and reports how many were folded', () => {
    const lines: string[] = [];
    let now = 0;
    const throttled = new ThrottledLog({ info: () => undefined, error: (m) => lines.push(m) }, 10_000, () => now);
    throttled.error('a');
    now = 1_000;
    throttled.error('b');
    throttled.error('c');
    now = 10_500;
    throttled.error('d');
    expect(lines).toEqual(['a', 'd (+2 similar since the last report)']);
  });
});
