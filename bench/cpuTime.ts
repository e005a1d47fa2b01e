import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times; 100 on every Linux the stack runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system) a process has used, from /proc: on a machine whose CPUs are shared
 * with the load generator and the upstream, CPU per request says more about a server's own cost
 * than its throughput does.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is parenthesised and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
