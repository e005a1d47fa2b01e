import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOptions } from '../src/config.ts';
import { eventually } from './eventually.ts';
import { launcherEnv, startLauncher, type Launcher } from './launcher.ts';
import { prometheusApi, processesUsing } from './prometheusApi.ts';
import { testStackOptions } from './testStack.ts';

interface Target {
  labels: { job: string };
  health: string;
  lastScrape: string;
}

let options: StackOptions;
let launcher: Launcher;
let promwallUrl: string;
const helpers: ChildProcess[] = [];
let occupier: Server | undefined;

const { get: prometheus } = prometheusApi(() => `http://127.0.0.1:${options.ports.prometheus}`);

beforeAll(async () => {
  options = await testStackOptions('supervision');
  launcher = startLauncher(launcherEnv(options));
  [, promwallUrl = ''] = await launcher.waitFor(/Promwall is running: (\S+)/, 170_000);
});

afterAll(async () => {
  await new Promise((resolve) => (occupier ? occupier.close(resolve) : resolve(undefined)));
  for (const helper of helpers) helper.kill('SIGKILL');
  if (!launcher) return;
  if (launcher.process.exitCode === null) {
    launcher.process.kill('SIGINT');
    await launcher.exited;
  }
});

/** The pid a component has now, from the launcher's own lines about it. */
function currentPid(title: string): number {
  const started = [
    ...launcher.output().matchAll(new RegExp(`(?:✓ ${title}\\b.* up|↻ ${title} restarted) \\(.*?pid (\\d+)\\)`, 'g')),
  ];
  const pid = Number(started.at(-1)?.[1]);
  if (!pid) throw new Error(`no pid of ${title} in the launcher's output:\n${launcher.output()}`);
  return pid;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Kills a component behind the launcher's back, as a crash or the OOM killer would. */
async function killAndSeeRestart(title: string, logName: string): Promise<{ tail: string; restartedAt: number }> {
  const pid = currentPid(title);
  const from = launcher.output().length;
  process.kill(pid, 'SIGKILL');
  // Reported at once: the launcher learns of the exit from the kernel, not from a poll.
  const [, tail = ''] = await launcher.waitFor(
    new RegExp(
      `✗ ${escape(title)} exited with signal SIGKILL \\(pid ${pid}\\); restarting in \\d+ s \\(attempt \\d+\\)\\n` +
        `  last lines of this run, from ${escape(join(options.dataDir, 'logs', logName))}:\\n((?: {4}.*\\n)+)`,
    ),
    3_000,
    from,
  );
  await launcher.waitFor(
    new RegExp(`↻ ${escape(title)} restarted \\(attempt \\d+, pid (?!${pid}\\))\\d+\\)`),
    30_000,
    from,
  );
  return { tail, restartedAt: Date.now() };
}

/** Waits until Prometheus has scraped `job` successfully after `since`. */
async function scrapedUpSince(job: string, since: number): Promise<Target> {
  return eventually(
    async () => {
      const { activeTargets } = await prometheus<{ activeTargets: Target[] }>('/api/v1/targets');
      const target = activeTargets.find((candidate) => candidate.labels.job === job);
      return target?.health === 'up' && Date.parse(target.lastScrape) > since ? target : undefined;
    },
    30_000,
    `Prometheus scraping ${job} up again`,
  );
}

describe('npm start supervising its stack', () => {
  it("reports a killed node_exporter at once with this run's log, restarts it, and Prometheus scrapes it again", async () => {
    const { tail, restartedAt } = await killAndSeeRestart('node_exporter', 'node-exporter.log');
    expect(tail).toContain('Listening on');
    expect(tail).not.toContain('--- ');
    await scrapedUpSince('node', restartedAt);
  });

  it('restarts a killed demo workload, and Prometheus scrapes it again', async () => {
    const { restartedAt } = await killAndSeeRestart('demo workload', 'demo.log');
    await scrapedUpSince('demo', restartedAt);
  });

  it('answers a second npm start with the running Promwall and exit code 0, and keeps running', async () => {
    const second = startLauncher(launcherEnv(options));
    const { code } = await second.exited;
    expect(second.output()).toContain(`Promwall is already running at ${promwallUrl}`);
    expect(second.output()).not.toContain('in use');
    expect(code).toBe(0);
    expect(launcher.process.exitCode).toBeNull();
    expect((await fetch(`${promwallUrl}/healthz`)).status).toBe(200);
  });

  it('restarts PostgreSQL killed while running (its cluster "in production"), and the exporter sees it again', async () => {
    const { restartedAt } = await killAndSeeRestart('PostgreSQL', 'postgres.log');
    // The time of the newest sample in which the exporter reached PostgreSQL.
    await eventually(
      async () => {
        const { result } = await prometheus<{ result: { value: [number, string] }[] }>(
          `/api/v1/query?query=${encodeURIComponent('timestamp(pg_up == 1)')}`,
        );
        return Number(result[0]?.value[1]) * 1000 > restartedAt ? result : undefined;
      },
      30_000,
      'pg_up 1 after the restart',
    );
  });

  it('leaves PostgreSQL down, saying why, when a live process still holds its postmaster.pid', async () => {
    const pid = currentPid('PostgreSQL');
    const holder = spawn('sleep', ['600'], { stdio: 'ignore' });
    helpers.push(holder);
    const pidFile = join(options.dataDir, 'postgres', 'data', 'postmaster.pid');
    const [, ...rest] = readFileSync(pidFile, 'utf8').split('\n');
    writeFileSync(pidFile, [String(holder.pid), ...rest].join('\n'));
    const from = launcher.output().length;
    process.kill(pid, 'SIGKILL');
    await launcher.waitFor(
      new RegExp(
        `✗ PostgreSQL exited with signal SIGKILL \\(pid ${pid}\\); left down: postmaster\\.pid names process ${holder.pid}, which is still running`,
      ),
      3_000,
      from,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(launcher.output().slice(from)).not.toContain('PostgreSQL restarted');
    expect((await fetch(`${promwallUrl}/healthz`)).status).toBe(200);
  });

  it('keeps restarting a node_exporter that cannot start, each delay double the last, the others still up', async () => {
    const pid = currentPid('node_exporter');
    const from = launcher.output().length;
    process.kill(pid, 'SIGKILL');
    await eventually(async () => (existsSync(`/proc/${pid}`) ? undefined : true), 5_000, 'node_exporter gone');
    // Its port taken by someone else, so every restart fails the same way.
    occupier = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => occupier!.listen(options.ports.nodeExporter, '127.0.0.1', resolve));

    const failedRestart =
      /✗ node_exporter restart \(attempt \d+\) failed: exited with code 1; restarting in (\d+) s \(attempt \d+\)\n {2}last lines of this run, from \S+:\n((?: {4}.*\n)+)/g;
    const failures = await eventually(
      async () => {
        const seen = [...launcher.output().slice(from).matchAll(failedRestart)];
        return seen.length >= 3 ? seen : undefined;
      },
      90_000,
      'three failed restarts',
    );
    const delays = failures.map((failure) => Number(failure[1]));
    for (const [i, delay] of delays.slice(1).entries()) expect(delay).toBe(Math.min(delays[i]! * 2, 30));
    for (const [, , tail] of failures) {
      // This run's lines only: the bind error, none of the lines of the runs that listened.
      expect(tail).toContain('address already in use');
      expect(tail).not.toContain('Listening on');
    }
    expect((await fetch(`${promwallUrl}/healthz`)).status).toBe(200);
  });

  it('stops everything on Ctrl-C during a restart backoff, and leaves no process behind', async () => {
    const from = launcher.output().length;
    await launcher.waitFor(
      /✗ node_exporter restart \(attempt \d+\) failed: .*; restarting in ([4-9]|\d{2}) s/,
      60_000,
      from,
    );
    const pids = [...launcher.output().matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
    launcher.process.kill('SIGINT');
    const { code } = await launcher.exited;
    const stopping = launcher.output().slice(launcher.output().indexOf('SIGINT: stopping'));
    expect(stopping).toContain('✓ stopped');
    expect(stopping).not.toContain('restarted');
    expect(code).toBe(0);
    for (const pid of pids) expect(existsSync(`/proc/${pid}`), `pid ${pid}`).toBe(false);
    expect(processesUsing(options.dataDir)).toEqual([]);
    expect(processesUsing(`127.0.0.1:${options.ports.nodeExporter}`)).toEqual([]);
    expect(existsSync(join(options.dataDir, 'launcher.lock'))).toBe(false);
  });
});
