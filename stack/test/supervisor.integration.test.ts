import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { Supervisor, type ServiceSpec } from '../src/supervisor.ts';
import { eventually } from './eventually.ts';

const logDir = mkdtempSync(join(tmpdir(), 'promwall-supervisor-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

let supervisor: Supervisor;
let reports: MockInstance[];
afterEach(async () => {
  await supervisor?.stopAll();
  for (const report of reports) report.mockRestore();
});

beforeEach(() => {
  reports = [
    vi.spyOn(console, 'log').mockImplementation(() => {}),
    vi.spyOn(console, 'error').mockImplementation(() => {}),
  ];
});

/** Everything the supervisor printed so far. */
function printed(): string {
  return reports.flatMap((report) => report.mock.calls.map((call) => String(call[0]))).join('\n');
}

/** A real process that prints a line and then idles; up once this run has printed it and
 * `healthy` says so. */
function idler(healthy: () => boolean): ServiceSpec {
  const printedUp = () => readFileSync(join(logDir, 'idler.log'), 'utf8').endsWith('idler up\n');
  return {
    name: 'idler',
    title: 'the idler',
    command: process.execPath,
    args: ['-e', 'console.log("idler up"); setInterval(() => {}, 60_000)'],
    ready: async () => printedUp() && healthy(),
    stopTimeoutMs: 2_000,
  };
}

const alive = (pid: number) => existsSync(`/proc/${pid}`);

describe('the supervisor', () => {
  it('reports a service that exits and, without restartOnExit, leaves it down', async () => {
    supervisor = new Supervisor(logDir);
    const { pid } = await supervisor.start(idler(() => true));
    process.kill(pid, 'SIGKILL');
    await eventually(async () => (printed().includes('✗ the idler exited') ? true : undefined), 3_000, 'the report');
    expect(printed()).toContain(`✗ the idler exited with signal SIGKILL (pid ${pid})\n`);
    expect(printed()).toContain('    idler up');
    await sleep(1_500);
    expect(printed()).not.toContain('restart');
    expect(supervisor.services()).toEqual([]);
  });

  it('restarts a service that exits, health-checked, and reports the attempt', async () => {
    supervisor = new Supervisor(logDir, { restartOnExit: true });
    const { pid } = await supervisor.start(idler(() => true));
    process.kill(pid, 'SIGKILL');
    const restarted = await eventually(
      async () => /↻ the idler restarted \(attempt 1, pid (\d+)\)/.exec(printed()) ?? undefined,
      10_000,
      'the restart',
    );
    expect(printed()).toContain(`✗ the idler exited with signal SIGKILL (pid ${pid}); restarting in 1 s (attempt 1)`);
    expect(supervisor.services().map((service) => service.pid)).toEqual([Number(restarted[1])]);
  });

  it('cancels a restart waiting out its backoff when the service is stopped', async () => {
    supervisor = new Supervisor(logDir, { restartOnExit: true });
    const { pid } = await supervisor.start(idler(() => true));
    process.kill(pid, 'SIGKILL');
    await eventually(async () => (printed().includes('restarting in 1 s') ? true : undefined), 3_000, 'the report');
    await supervisor.stop('idler');
    await sleep(2_000);
    expect(printed()).not.toContain('restarted');
    expect(supervisor.services()).toEqual([]);
  });

  it('stops the new process when stopped during a restart whose health check has not passed', async () => {
    supervisor = new Supervisor(logDir, { restartOnExit: true });
    let up = true;
    const { pid } = await supervisor.start(idler(() => up));
    up = false;
    process.kill(pid, 'SIGKILL');
    const restarting = await eventually(
      async () => supervisor.services().find((service) => service.pid !== pid),
      5_000,
      'the restarted process, not yet healthy',
    );
    expect(alive(restarting.pid)).toBe(true);
    await supervisor.stopAll();
    expect(alive(restarting.pid)).toBe(false);
    expect(supervisor.services()).toEqual([]);
    expect(printed()).not.toContain('restarted');
  });
});
