import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockHolder, runningPromwall, takeLock } from './dataDirLock.ts';
import { SetupError } from './packages.ts';
import { processStartTime } from './processes.ts';

const root = mkdtempSync(join(tmpdir(), 'promwall-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(root, 'data-'));
});

const promwall = { url: 'http://127.0.0.1:8470', healthUrl: 'http://127.0.0.1:8470/healthz' };

function writeLock(record: object): void {
  writeFileSync(join(dataDir, 'launcher.lock'), JSON.stringify(record));
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid!;
}

const others: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const other of others.splice(0)) other.kill('SIGKILL');
});

/** A live process other than this one, standing for another launcher. */
function otherLauncher(): number {
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  others.push(other);
  return other.pid!;
}

describe('takeLock', () => {
  it('records this process and its Promwall, and release removes the lock', () => {
    const lock = takeLock(dataDir, promwall);
    expect(lockHolder(dataDir)).toEqual({ pid: process.pid, startTime: processStartTime(process.pid), ...promwall });
    lock.release();
    expect(existsSync(join(dataDir, 'launcher.lock'))).toBe(false);
  });

  it('replaces a stale lock left by a launcher that died', () => {
    const pid = deadPid();
    writeLock({ pid, startTime: '1', ...promwall, url: 'http://127.0.0.1:1' });
    expect(lockHolder(dataDir)).toBeUndefined();
    takeLock(dataDir, promwall);
    expect(lockHolder(dataDir)).toMatchObject({ pid: process.pid, url: promwall.url });
  });

  it('treats a live pid with another start time as stale: the pid was given to another program', () => {
    writeLock({ pid: process.pid, startTime: '1', ...promwall });
    expect(lockHolder(dataDir)).toBeUndefined();
    expect(() => takeLock(dataDir, promwall)).not.toThrow();
  });

  it('replaces a lock it cannot read', () => {
    writeFileSync(join(dataDir, 'launcher.lock'), '{"pid":');
    expect(lockHolder(dataDir)).toBeUndefined();
    takeLock(dataDir, promwall);
    expect(lockHolder(dataDir)?.pid).toBe(process.pid);
  });

  it('refuses a folder that a live launcher holds, naming its pid, and leaves its lock alone', () => {
    const pid = otherLauncher();
    writeLock({ pid, startTime: processStartTime(pid), ...promwall });
    expect(() => takeLock(dataDir, promwall)).toThrow(SetupError);
    expect(() => takeLock(dataDir, promwall)).toThrow(
      `Another launcher (pid ${pid}) is starting in the data folder ${dataDir}`,
    );
    expect(JSON.parse(readFileSync(join(dataDir, 'launcher.lock'), 'utf8')).pid).toBe(pid);
  });

  it("does not remove another launcher's lock on release", () => {
    const lock = takeLock(dataDir, promwall);
    const pid = otherLauncher();
    writeLock({ pid, startTime: processStartTime(pid), ...promwall });
    lock.release();
    expect(lockHolder(dataDir)?.pid).toBe(pid);
  });
});

describe('runningPromwall', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function healthz(status: number): Promise<string> {
    server = createServer((_, response) => response.writeHead(status).end('{"status":"ok"}'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  it('is undefined when no launcher holds the folder, or only a dead one did', async () => {
    expect(await runningPromwall(dataDir)).toBeUndefined();
    writeLock({ pid: deadPid(), startTime: '1', ...promwall });
    expect(await runningPromwall(dataDir)).toBeUndefined();
  });

  it("is the live launcher's URL when its Promwall answers /healthz", async () => {
    const url = await healthz(200);
    const pid = otherLauncher();
    writeLock({ pid, startTime: processStartTime(pid), url, healthUrl: `${url}/healthz` });
    expect(await runningPromwall(dataDir)).toBe(url);
  });

  it("refuses to go on when the live launcher's Promwall does not answer, saying how to stop it", async () => {
    const url = await healthz(503);
    const pid = otherLauncher();
    writeLock({ pid, startTime: processStartTime(pid), url, healthUrl: `${url}/healthz` });
    const check = runningPromwall(dataDir);
    await expect(check).rejects.toThrow(SetupError);
    await expect(check).rejects.toThrow(`its Promwall does not answer at ${url} (starting, or restarting)`);
    await expect(check).rejects.toThrow(`kill ${pid}`);
  });
});
