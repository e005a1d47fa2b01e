import { appendFileSync, closeSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beginRun, lastLines, runTail } from './runLog.ts';

const dir = mkdtempSync(join(tmpdir(), 'promwall-runlog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a run the way the supervisor does and lets `output` stand for what the child writes. */
function run(path: string, output: string): number {
  const { fd, start } = beginRun(path, '/usr/bin/prometheus', ['--web.listen-address=127.0.0.1:1'], new Date(0));
  closeSync(fd);
  appendFileSync(path, output);
  return start;
}

describe('runTail', () => {
  it("shows only the lines of this run, not the earlier runs' in the same log", () => {
    const path = join(dir, 'two-runs.log');
    run(path, 'first run: listening\nfirst run: error: old failure\n');
    const start = run(path, 'second run: starting\nsecond run: error: bind: address already in use\n');
    expect(runTail(path, start)).toBe('second run: starting\nsecond run: error: bind: address already in use');
  });

  it('marks where each run begins, with its time and command line', () => {
    const path = join(dir, 'marked.log');
    run(path, 'a\n');
    run(path, 'b\n');
    const markers = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('---'));
    expect(markers).toEqual([
      '--- 1970-01-01T00:00:00.000Z /usr/bin/prometheus --web.listen-address=127.0.0.1:1',
      '--- 1970-01-01T00:00:00.000Z /usr/bin/prometheus --web.listen-address=127.0.0.1:1',
    ]);
  });

  it('keeps the last lines of a long run', () => {
    const path = join(dir, 'long.log');
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const start = run(path, `${lines.join('\n')}\n`);
    expect(runTail(path, start, 3)).toBe('line 97\nline 98\nline 99');
  });

  it('reads only the end of a huge run and never shows a cut line', () => {
    const path = join(dir, 'huge.log');
    const long = 'x'.repeat(1000);
    const start = run(path, `${Array.from({ length: 200 }, (_, i) => `${i} ${long}`).join('\n')}\nlast\n`);
    const tail = runTail(path, start, 200).split('\n');
    expect(tail.at(-1)).toBe('last');
    expect(tail.length).toBeLessThan(70);
    for (const line of tail.slice(0, -1)) expect(line).toMatch(/^\d+ x{1000}$/);
  });

  it('says so when the run wrote nothing', () => {
    const path = join(dir, 'silent.log');
    run(path, 'an earlier run talked\n');
    expect(runTail(path, run(path, ''))).toBe('(nothing logged in this run)');
  });

  it('says so when there is no log at all', () => {
    expect(runTail(join(dir, 'missing.log'), 0)).toBe('(no log)');
  });

  it('shows a last line the run never ended, as a crash leaves it', () => {
    const path = join(dir, 'unterminated.log');
    const start = run(path, 'panic: runtime error');
    expect(runTail(path, start)).toBe('panic: runtime error');
  });
});

describe('lastLines', () => {
  it('drops trailing blank lines and keeps the last n', () => {
    expect(lastLines('a\nb\nc\n\n\n', 2)).toBe('b\nc');
    expect(lastLines('\n\n', 5)).toBe('');
  });
});
