import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nextAttempt, restartDelayMs } from './backoff.ts';
import { reportServiceEvent } from './log.ts';
import { beginRun, runTail } from './runLog.ts';

export interface ServiceSpec {
  /** Names the log file (`logs/<name>.log`) and the service in `stop`. */
  name: string;
  /** How the console names it (node_exporter, PostgreSQL); the name when unset. */
  title?: string;
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
  /** Asked before each restart; without it a service is always restarted. */
  restartDecision?: () => RestartDecision;
}

export type RestartDecision = { restart: true } | { restart: false; reason: string };

export interface SupervisorOptions {
  /** Start a service that exits on its own again, after a backoff (`npm start`). Off for tests
   * that stop a component to see the outage. */
  restartOnExit?: boolean;
}

export interface RunningService {
  name: string;
  pid: number;
  logPath: string;
}

/** How a run ended, as the console reports it. */
export interface Failure {
  /** "exited with signal SIGKILL (pid 4242)", "restart (attempt 2) failed: exited with code 1". */
  failure: string;
  logPath: string;
  logTail: string;
}

/** What the supervisor does after a failure. */
export type NextStep =
  { kind: 'restart'; attempt: number; delayMs: number } | { kind: 'left-down'; reason: string } | { kind: 'none' };

/** What the console is told while the stack runs. */
export type ServiceEvent =
  | ({ kind: 'failed'; title: string; next: NextStep } & Failure)
  | { kind: 'restarted'; title: string; attempt: number; pid: number };

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
  process: ChildProcess;
  running: RunningService;
  /** Where this run's lines begin in the log. */
  logStart: number;
  exited: Promise<void>;
  exitReason?: string;
  readyAt?: number;
  /** Set when the supervisor stops it: that exit is no failure. */
  stopping: boolean;
}

/** A service by name, across its runs. */
interface Service {
  spec: ServiceSpec;
  child?: Child;
  /** Restarts in a row, each after a run shorter than the backoff's stable time. */
  attempts: number;
  recovery?: { abort: AbortController; done: Promise<void> };
}

const pollMs = 200;

/**
 * Starts child processes one after another, each health-checked, watches them, and stops them
 * in reverse order. A service that exits on its own is reported at once with the tail of this
 * run's log and, with `restartOnExit`, started again after a backoff and health-checked like
 * the first time. Once `stopAll` has run, the supervisor starts nothing more.
 */
export class Supervisor {
  private readonly managed: Service[] = [];
  private readonly closing = new AbortController();
  private readonly restartOnExit: boolean;
  private readonly emergencyStop = () => {
    for (const service of this.managed) if (service.child) signalGroup(service.child.process, 'SIGKILL');
  };

  constructor(
    private readonly logDir: string,
    options: SupervisorOptions = {},
  ) {
    this.restartOnExit = options.restartOnExit ?? false;
    mkdirSync(logDir, { recursive: true });
    process.once('exit', this.emergencyStop);
  }

  /** Starts a service, or a stopped one again, and resolves once its probe answers. */
  async start(spec: ServiceSpec, signal?: AbortSignal): Promise<RunningService> {
    let service = this.managed.find((candidate) => candidate.spec.name === spec.name);
    if (service?.child) throw new Error(`${spec.name} is already running`);
    if (service) {
      await this.cancelRecovery(service);
      // A restart may have come up while it was being cancelled.
      if (service.child) return service.child.running;
      service.spec = spec;
    } else {
      service = { spec, attempts: 0 };
      this.managed.push(service);
    }
    return this.launch(service, signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal);
  }

  /** Stops every child, the last started first, after cancelling the restarts under way. */
  async stopAll(): Promise<void> {
    this.closing.abort(new Error('the supervisor is stopping'));
    await Promise.all(this.managed.map((service) => service.recovery?.done));
    for (const service of [...this.managed].reverse()) {
      if (service.child) await this.stopChild(service, service.child);
    }
    process.removeListener('exit', this.emergencyStop);
  }

  services(): RunningService[] {
    return this.managed.flatMap((service) => (service.child ? [service.child.running] : []));
  }

  /** Stops one service, and any restart of it, and returns its spec so a test can start it
   * again (an outage). */
  async stop(name: string): Promise<ServiceSpec> {
    const service = this.managed.find((candidate) => candidate.spec.name === name);
    if (!service) throw new Error(`no service named ${name}`);
    await this.cancelRecovery(service);
    if (service.child) await this.stopChild(service, service.child);
    return service.spec;
  }

  private async launch(service: Service, signal: AbortSignal): Promise<RunningService> {
    const { spec } = service;
    signal.throwIfAborted();
    const child = this.spawn(spec);
    service.child = child;
    const readyTimeoutMs = spec.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + readyTimeoutMs;
    while (child.exitReason === undefined) {
      if (await spec.ready().catch(() => false)) {
        child.readyAt = Date.now();
        void child.exited.then(() => this.onExit(service, child));
        return child.running;
      }
      if (signal.aborted) {
        await this.stopChild(service, child);
        throw signal.reason;
      }
      if (Date.now() > deadline) {
        await this.stopChild(service, child);
        throw this.failed(spec, child, `not ready after ${readyTimeoutMs / 1000} s`);
      }
      await Promise.race([sleep(pollMs), child.exited]);
    }
    service.child = undefined;
    signalGroup(child.process, 'SIGKILL');
    throw this.failed(spec, child, child.exitReason);
  }

  private spawn(spec: ServiceSpec): Child {
    const logPath = join(this.logDir, `${spec.name}.log`);
    const log = beginRun(logPath, spec.command, spec.args);
    // A process group of its own: the terminal's Ctrl-C reaches only the launcher, which then
    // stops the children in order (the demo before PostgreSQL, PostgreSQL last).
    const childProcess = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', log.fd, log.fd],
      detached: true,
      uid: spec.user?.uid,
      gid: spec.user?.gid,
    });
    closeSync(log.fd);
    // A process that cannot be spawned emits 'error' and may never emit 'exit'; the first wins.
    const exitReason = new Promise<string>((resolve) => {
      childProcess.once('error', (error) => resolve(error.message));
      childProcess.once('exit', (code, signal) =>
        resolve(signal ? `exited with signal ${signal}` : `exited with code ${code}`),
      );
    });
    const child: Child = {
      process: childProcess,
      running: { name: spec.name, pid: childProcess.pid ?? -1, logPath },
      logStart: log.start,
      exited: exitReason.then((reason) => {
        child.exitReason = reason;
      }),
      stopping: false,
    };
    return child;
  }

  private failed(spec: ServiceSpec, child: Child, reason: string): ServiceFailed {
    const { logPath } = child.running;
    return new ServiceFailed(spec.title ?? spec.name, reason, logPath, runTail(logPath, child.logStart));
  }

  /** A child that exits on its own after it was up: report it, and restart it in the background. */
  private onExit(service: Service, child: Child): void {
    if (child.stopping || service.child !== child) return;
    service.child = undefined;
    // What the service left behind (PostgreSQL's backends) must not hold its port or data.
    signalGroup(child.process, 'SIGKILL');
    const { logPath } = child.running;
    const exit: Failure = {
      failure: `${child.exitReason} (pid ${child.running.pid})`,
      logPath,
      logTail: runTail(logPath, child.logStart),
    };
    const attempt = nextAttempt(service.attempts, Date.now() - (child.readyAt ?? Date.now()));
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, this.closing.signal]);
    service.recovery = { abort, done: this.recover(service, exit, attempt, signal) };
  }

  /**
   * Reports a failure and, when the service may be restarted, waits out the backoff and starts
   * it again; a failed restart is reported the same way and tried again after a longer wait.
   * Ends once a run is up, the service is left down, or `signal` cancels it; never rejects.
   */
  private async recover(service: Service, failure: Failure, attempt: number, signal: AbortSignal): Promise<void> {
    const title = service.spec.title ?? service.spec.name;
    for (;;) {
      const next = this.nextStep(service.spec, attempt, signal);
      reportServiceEvent({ kind: 'failed', title, ...failure, next });
      if (next.kind !== 'restart') return;
      try {
        await sleep(next.delayMs, undefined, { signal });
        const running = await this.launch(service, signal);
        service.attempts = attempt;
        reportServiceEvent({ kind: 'restarted', title, attempt, pid: running.pid });
        return;
      } catch (error) {
        if (signal.aborted) return;
        failure =
          error instanceof ServiceFailed
            ? {
                failure: `restart (attempt ${attempt}) failed: ${error.reason}`,
                logPath: error.logPath,
                logTail: error.logTail,
              }
            : {
                failure: `restart (attempt ${attempt}) failed: ${String(error)}`,
                logPath: failure.logPath,
                logTail: '',
              };
        attempt += 1;
      }
    }
  }

  private nextStep(spec: ServiceSpec, attempt: number, signal: AbortSignal): NextStep {
    if (!this.restartOnExit || signal.aborted) return { kind: 'none' };
    let decision: RestartDecision;
    try {
      decision = spec.restartDecision?.() ?? { restart: true };
    } catch (error) {
      decision = { restart: false, reason: `could not tell whether a restart is safe: ${String(error)}` };
    }
    if (!decision.restart) return { kind: 'left-down', reason: decision.reason };
    return { kind: 'restart', attempt, delayMs: restartDelayMs(attempt) };
  }

  private async cancelRecovery(service: Service): Promise<void> {
    service.recovery?.abort.abort();
    await service.recovery?.done;
    service.recovery = undefined;
  }

  private async stopChild(service: Service, child: Child): Promise<void> {
    child.stopping = true;
    const { spec } = service;
    if (child.process.exitCode === null && child.process.signalCode === null) {
      signalGroup(child.process, spec.stopSignal ?? 'SIGTERM');
      const stopped = await Promise.race([
        child.exited.then(() => true),
        sleep(spec.stopTimeoutMs ?? 10_000).then(() => false),
      ]);
      if (!stopped) {
        signalGroup(child.process, 'SIGKILL');
        await child.exited;
      }
    }
    // The group may still hold a grandchild that outlived its parent.
    signalGroup(child.process, 'SIGKILL');
    if (service.child === child) service.child = undefined;
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
