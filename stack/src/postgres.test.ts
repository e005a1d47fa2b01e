import { describe, expect, it } from 'vitest';
import { clusterRestartDecision } from './postgres.ts';

/** The head of `pg_controldata` (PostgreSQL 15, C locale) for a cluster in `state`. */
function controldata(state: string): string {
  return [
    'pg_control version number:            1300',
    'Catalog version number:               202209061',
    'Database system identifier:           7712781641459751447',
    `Database cluster state:               ${state}`,
    'pg_control last modified:             Fri Nov 27 09:31:56 2026',
    'Latest checkpoint location:           0/1500718',
  ].join('\n');
}

describe('clusterRestartDecision', () => {
  it.each(['shut down', 'in production'])('restarts a cluster that is "%s" with no live postmaster', (state) => {
    expect(clusterRestartDecision(controldata(state))).toEqual({ restart: true });
  });

  it.each(['in crash recovery', 'shutting down', 'in archive recovery', 'shut down in recovery', 'starting up'])(
    'leaves a cluster that is "%s" down, naming the state',
    (state) => {
      expect(clusterRestartDecision(controldata(state))).toEqual({
        restart: false,
        reason: `its cluster state is "${state}", not "shut down" or "in production"`,
      });
    },
  );

  it('leaves it down while the process in postmaster.pid is alive, whatever the state', () => {
    const decision = clusterRestartDecision(controldata('in production'), 4242);
    expect(decision.restart).toBe(false);
    expect(!decision.restart && decision.reason).toMatch(/^postmaster\.pid names process 4242, which is still running/);
  });

  it('leaves it down when the output has no cluster state', () => {
    expect(clusterRestartDecision('pg_control version number: 1300\n')).toEqual({
      restart: false,
      reason: 'pg_controldata did not report the cluster state',
    });
  });
});
