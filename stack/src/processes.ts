import { readFileSync } from 'node:fs';

/** True while a process with this pid exists, whoever owns it. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or
 * undefined when there is no such process. A pid and its start time name one process: a pid
 * alone may since have been given to another program.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name in parentheses may hold spaces and ')': the fields follow its last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}
