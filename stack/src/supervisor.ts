import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beginRun, runTail } from './runLog.ts';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** One readiness probe; polled until it answers true. */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** PostgreSQL's fast shutdown is SIGINT; everything else stops on SIGTERM. */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export interface RunningService {
  name: string;
  pid: number;
  logPath: string;
}

export class ServiceFailed extends Error {
  override name = 'ServiceFailed';
  constructor(
    readonly service: string,
    readonly reason: string,
    readonly logPath: string,
    readonly logTail: string,
  ) {
    super(`${service} did not come up: ${reason}\n--- last lines of this run, from ${logPath} ---\n${logTail}`);
  }
}

interface Child {
  spec: ServiceSpec;
  process: ChildProcess;
  exited: Promise<void>;
  running: RunningService;
}

const pollMs = 200;

/** Starts child processes one after another, each health-checked, and stops them in reverse. */
export class Supervisor {
  private readonly children: Child[] = [];
  private readonly emergencyStop = () => {
    for (const child of this.children) signalGroup(child.process, 'SIGKILL');
  };

  constructor(private readonly logDir: string) {
    mkdirSync(logDir, { recursive: true });
    process.once('exit', this.emergencyStop);
  }

  async start(spec: ServiceSpec, signal?: AbortSignal): Promise<RunningService> {
    const logPath = join(this.logDir, `${spec.name}.log`);
    const log = beginRun(logPath, spec.command, spec.args);
    // A process group of its own: the terminal's Ctrl-C reaches only the launcher, which then
    // stops the children in order (the demo before PostgreSQL, PostgreSQL last).
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', log.fd, log.fd],
      detached: true,
      uid: spec.user?.uid,
      gid: spec.user?.gid,
    });
    closeSync(log.fd);
    let exitReason: string | undefined;
    const exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        exitReason = error.message;
        resolve();
      });
      child.once('exit', (code, signal) => {
        exitReason ??= `exited with ${signal ?? `code ${code}`}`;
        resolve();
      });
    });
    const running = { name: spec.name, pid: child.pid ?? -1, logPath };
    const entry: Child = { spec, process: child, exited, running };
    this.children.push(entry);

    const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
    while (exitReason === undefined) {
      if (await spec.ready().catch(() => false)) return running;
      if (signal?.aborted) {
        await this.stopChild(entry);
        throw signal.reason;
      }
      if (Date.now() > deadline) {
        await this.stopChild(entry);
        throw new ServiceFailed(
          spec.name,
          `not ready after ${(spec.readyTimeoutMs ?? 30_000) / 1000} s`,
          logPath,
          runTail(logPath, log.start),
        );
      }
      await Promise.race([sleep(pollMs), exited]);
    }
    this.children.splice(this.children.indexOf(entry), 1);
    throw new ServiceFailed(spec.name, exitReason, logPath, runTail(logPath, log.start));
  }

  /** Stops every child, the last started first. */
  async stopAll(): Promise<void> {
    while (this.children.length > 0) {
      await this.stopChild(this.children[this.children.length - 1]!);
    }
    process.removeListener('exit', this.emergencyStop);
  }

  services(): RunningService[] {
    return this.children.map((child) => child.running);
  }

  /** Stops one service and returns its spec, so a test can start it again (an outage). */
  async stop(name: string): Promise<ServiceSpec> {
    const child = this.children.find((candidate) => candidate.spec.name === name);
    if (!child) throw new Error(`no running service named ${name}`);
    await this.stopChild(child);
    return child.spec;
  }

  private async stopChild(child: Child): Promise<void> {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      signalGroup(child.process, child.spec.stopSignal ?? 'SIGTERM');
      const stopped = await Promise.race([
        child.exited.then(() => true),
        sleep(child.spec.stopTimeoutMs ?? 10_000).then(() => false),
      ]);
      if (!stopped) {
        signalGroup(child.process, 'SIGKILL');
        await child.exited;
      }
    }
    // The group may still hold a grandchild that outlived its parent.
    signalGroup(child.process, 'SIGKILL');
    const index = this.children.indexOf(child);
    if (index >= 0) this.children.splice(index, 1);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
