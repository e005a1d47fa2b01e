import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SetupError } from './packages.ts';
import { httpReady } from './probe.ts';
import { processStartTime } from './processes.ts';

/**
 * A launcher that runs a stack holds its data folder through `launcher.lock`: who it is (pid
 * and process start time, so a reused pid is not mistaken for it) and where its Promwall
 * answers. A second `npm start` on the same folder reads it before anything else.
 */
const lockRecord = z.object({
  pid: z.number().int().positive(),
  startTime: z.string(),
  url: z.string(),
  healthUrl: z.string(),
});
type LockRecord = z.infer<typeof lockRecord>;

const lockName = 'launcher.lock';

export interface DataDirLock {
  release(): void;
}

/** The live launcher holding the data folder; a lock of a dead process, or unreadable, is none. */
export function lockHolder(dataDir: string): LockRecord | undefined {
  let record: LockRecord;
  try {
    record = lockRecord.parse(JSON.parse(readFileSync(join(dataDir, lockName), 'utf8')));
  } catch {
    return undefined;
  }
  return processStartTime(record.pid) === record.startTime ? record : undefined;
}

/**
 * The URL of the Promwall that a live launcher holding the data folder runs, or undefined when
 * none holds it. A live launcher whose Promwall does not answer (still starting, or being
 * restarted) is a `SetupError`: this start must not go on either way.
 */
export async function runningPromwall(dataDir: string): Promise<string | undefined> {
  const holder = lockHolder(dataDir);
  if (!holder) return undefined;
  if (await answers(holder.healthUrl)) return holder.url;
  throw new SetupError(
    `Another launcher (pid ${holder.pid}) is using the data folder ${dataDir}, and its Promwall does not answer at ${holder.url} (starting, or restarting).\n` +
      `Wait for it, or stop it (kill ${holder.pid}) and start again.`,
  );
}

/** Claims the data folder for this process, replacing a stale lock. */
export function takeLock(dataDir: string, promwall: { url: string; healthUrl: string }): DataDirLock {
  const path = join(dataDir, lockName);
  const record: LockRecord = { pid: process.pid, startTime: processStartTime(process.pid) ?? '', ...promwall };
  // Written whole under another name, then linked into place: linking fails when the lock
  // exists, and a reader never sees half a record.
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, `${JSON.stringify(record)}\n`);
  try {
    for (let tries = 0; ; tries += 1) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries === 2) throw error;
        const holder = lockHolder(dataDir);
        if (holder) {
          throw new SetupError(
            `Another launcher (pid ${holder.pid}) is starting in the data folder ${dataDir}; its Promwall will be at ${holder.url}.`,
          );
        }
        rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(draft, { force: true });
  }
  return {
    release: () => {
      if (lockHolder(dataDir)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/** Whether Promwall's health check answers, allowing a busy machine a few tries. */
async function answers(healthUrl: string): Promise<boolean> {
  for (let tries = 1; ; tries += 1) {
    if (await httpReady(healthUrl).catch(() => false)) return true;
    if (tries === 3) return false;
    await sleep(500);
  }
}
