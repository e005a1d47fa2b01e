import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/** Each service has one log file for all its runs. A run starts with a marker line, and the
 * supervisor keeps the offset after it, so a failure shows the lines of this run only. */
export interface LogRun {
  /** File descriptor the child writes to; the caller closes it once the child has it. */
  fd: number;
  /** Byte offset where this run's own lines begin. */
  start: number;
}

/** Appends the marker of a new run to the log and returns where the run's output begins. */
export function beginRun(path: string, command: string, args: string[], now = new Date()): LogRun {
  const fd = openSync(path, 'a');
  writeSync(fd, `\n--- ${now.toISOString()} ${[command, ...args].join(' ')}\n`);
  return { fd, start: fstatSync(fd).size };
}

// Enough for any tail of 20 lines a service prints before dying, without reading a log that
// has grown for weeks.
const maxTailBytes = 64 * 1024;

/** The last `count` lines the run that began at `start` wrote to the log at `path`. */
export function runTail(path: string, start: number, count = 20): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '(no log)';
  }
  try {
    const size = fstatSync(fd).size;
    const from = Math.max(start, size - maxTailBytes);
    const buffer = Buffer.alloc(Math.max(size - from, 0));
    readSync(fd, buffer, 0, buffer.length, from);
    const text = buffer.toString('utf8');
    // Cut into the run's middle: its first line is partial.
    const whole = from > start ? text.slice(text.indexOf('\n') + 1) : text;
    return lastLines(whole, count) || '(nothing logged in this run)';
  } finally {
    closeSync(fd);
  }
}

export function lastLines(text: string, count: number): string {
  const trimmed = text.trimEnd();
  return trimmed === '' ? '' : trimmed.split('\n').slice(-count).join('\n');
}
