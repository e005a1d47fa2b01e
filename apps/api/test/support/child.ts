import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ChildApi {
  url: string;
  process: ChildProcess;
  /** Resident memory of the process, in bytes, as Linux counts it. */
  rss(): number;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** The built server (`npm run build`) as its own process, as it runs in production. */
export async function startChildApi(env: Record<string, string>): Promise<ChildApi> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Promwall listening on (http:\/\/[^"\s]+)/.exec(output);
      if (!match) return;
      // Off once found: scanning a log that grows with every request would stall this process,
      // and with it every timing a test takes here.
      child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`Promwall exited (${code}) before listening:\n${output}`)));
  });
  // Drained so that a full pipe never blocks the server's logging.
  child.stdout!.resume();
  return {
    url,
    process: child,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
