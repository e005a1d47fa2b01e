import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { portEnv, type StackOptions, type StackPorts } from '../src/config.ts';
import { repoRoot } from '../src/paths.ts';

/** `npm start` (stack/bootstrap.mjs) run as a child, its stdout and stderr kept in one text. */
export interface Launcher {
  process: ChildProcess;
  output(): string;
  /** Waits for `pattern` in the output after character `from`, and fails with the output. */
  waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment that makes `npm start` use a test stack's data folder, ports and intervals. */
export function launcherEnv(options: StackOptions): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !['PROMETHEUS_URL', 'ALERTMANAGER_URL', 'HOST', 'PORT'].includes(name) && !name.startsWith('PROMWALL_'),
    ),
  );
  return {
    ...env,
    ...Object.fromEntries(
      Object.entries(portEnv).map(([key, name]) => [name, String(options.ports[key as keyof StackPorts])]),
    ),
    HOST: options.promwallHost,
    PROMWALL_DATA_DIR: options.dataDir,
    PROMWALL_SCRAPE_INTERVAL: options.scrapeInterval,
    PROMWALL_DEMO_CYCLE_SECONDS: String(options.demoCycleSeconds),
  };
}

export function startLauncher(env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, [join(repoRoot, 'stack', 'bootstrap.mjs'), 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let closed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      closed = true;
      resolve({ code, signal });
    }),
  );
  return {
    process: child,
    output: () => text,
    exited,
    waitFor: async (pattern, timeoutMs, from = 0) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text.slice(from));
        if (match) return match;
        if (Date.now() > deadline || closed) {
          throw new Error(`no ${pattern} in the launcher's output within ${timeoutMs} ms:\n${text.slice(from)}`);
        }
        await sleep(100);
      }
    },
  };
}
