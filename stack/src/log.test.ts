import { describe, expect, it } from 'vitest';
import { describeServiceEvent } from './log.ts';

const exited = {
  kind: 'failed',
  title: 'node_exporter',
  failure: 'exited with signal SIGKILL (pid 4242)',
  logPath: '/srv/promwall/.data/logs/node-exporter.log',
  logTail: 'level=info msg="Listening on"\nlevel=info msg="TLS is disabled."',
} as const;

describe('describeServiceEvent', () => {
  it('names the service, how it ended and when it restarts, then its log path and indented tail', () => {
    expect(describeServiceEvent({ ...exited, next: { kind: 'restart', attempt: 2, delayMs: 2_000 } })).toBe(
      [
        '✗ node_exporter exited with signal SIGKILL (pid 4242); restarting in 2 s (attempt 2)',
        '  last lines of this run, from /srv/promwall/.data/logs/node-exporter.log:',
        '    level=info msg="Listening on"',
        '    level=info msg="TLS is disabled."',
      ].join('\n'),
    );
  });

  it('says why a service is left down', () => {
    const text = describeServiceEvent({
      ...exited,
      title: 'PostgreSQL',
      next: { kind: 'left-down', reason: 'its cluster state is "in crash recovery"' },
    });
    expect(text.split('\n')[0]).toBe(
      '✗ PostgreSQL exited with signal SIGKILL (pid 4242); left down: its cluster state is "in crash recovery"',
    );
  });

  it('adds nothing about a restart when restarts are off', () => {
    expect(describeServiceEvent({ ...exited, next: { kind: 'none' } }).split('\n')[0]).toBe(
      '✗ node_exporter exited with signal SIGKILL (pid 4242)',
    );
  });

  it('reports a restart with its attempt and new pid', () => {
    expect(describeServiceEvent({ kind: 'restarted', title: 'node_exporter', attempt: 2, pid: 4250 })).toBe(
      '↻ node_exporter restarted (attempt 2, pid 4250)',
    );
  });
});
