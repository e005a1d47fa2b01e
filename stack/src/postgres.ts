import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Binaries } from './binaries.ts';
import { SetupError } from './packages.ts';
import { processAlive } from './processes.ts';
import type { RestartDecision, ServiceSpec } from './supervisor.ts';

export const demoDatabase = 'promwall_demo';
/** Promwall's own database: history and the displays registry. */
export const promwallDatabase = 'promwall';
const superuser = 'promwall';
// A Unix socket path may hold 107 bytes; past that PostgreSQL listens on TCP alone.
const maxSocketDirLength = 90;

export interface PostgresCluster {
  dir: string;
  dataDir: string;
  port: number;
  host: string;
  password: string;
  user?: { uid: number; gid: number };
}

/** Creates the stack's own PostgreSQL cluster on first use; later runs reuse it. */
export function prepareCluster(stackDataDir: string, host: string, port: number, binaries: Binaries): PostgresCluster {
  const dir = join(stackDataDir, 'postgres');
  const dataDir = join(dir, 'data');
  const passwordPath = join(stackDataDir, 'postgres.password');
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    const reach = spawnSync('test', ['-w', dir], { uid: user.uid, gid: user.gid });
    if (reach.status !== 0) {
      throw new SetupError(
        `PostgreSQL runs as the 'postgres' user, which cannot reach ${dir} (a parent folder is closed to other users).\n` +
          'Set PROMWALL_DATA_DIR to a folder it can reach, e.g. PROMWALL_DATA_DIR=/var/tmp/promwall npm start',
      );
    }
  }

  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const version = readFileSync(versionFile, 'utf8').trim();
    if (version !== binaries.postgresMajor) {
      throw new SetupError(
        `${dataDir} holds a PostgreSQL ${version} cluster, and this machine runs PostgreSQL ${binaries.postgresMajor}.\n` +
          `Delete it (rm -rf ${dir}) and the stack creates a new one.`,
      );
    }
    if (!existsSync(passwordPath)) {
      throw new SetupError(
        `${dataDir} has a cluster but ${passwordPath} is gone; delete ${dir} to create a new cluster.`,
      );
    }
    return { dir, dataDir, port, host, password: readFileSync(passwordPath, 'utf8').trim(), user };
  }

  rmSync(dataDir, { recursive: true, force: true });
  const password = randomBytes(18).toString('hex');
  writeFileSync(passwordPath, `${password}\n`, { mode: 0o600 });
  const pwfile = join(dir, 'initdb.pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  const initdb = spawnSync(
    binaries.initdb,
    [
      '-D',
      dataDir,
      '-U',
      superuser,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ],
    { uid: user?.uid, gid: user?.gid, encoding: 'utf8' },
  );
  rmSync(pwfile, { force: true });
  if (initdb.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new SetupError(`initdb failed:\n${(initdb.stderr || initdb.stdout).trim()}`);
  }
  return { dir, dataDir, port, host, password, user };
}

export function postgresService(
  cluster: PostgresCluster,
  binaries: Binaries,
  settings: Record<string, string> = {},
): ServiceSpec {
  const socketDir = cluster.dir.length <= maxSocketDirLength ? cluster.dir : '';
  return {
    name: 'postgres',
    title: 'PostgreSQL',
    command: binaries.postgres,
    args: [
      '-D',
      cluster.dataDir,
      '-p',
      String(cluster.port),
      '-c',
      `listen_addresses=${cluster.host}`,
      '-c',
      `unix_socket_directories=${socketDir}`,
      // Room for the demo's pool peaks and the exporter, above the default of 100.
      '-c',
      'max_connections=200',
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    user: cluster.user,
    ready: () => query(cluster, 'postgres', 'select 1').then(() => true),
    stopSignal: 'SIGINT',
    stopTimeoutMs: 30_000,
    restartDecision: () => postgresRestartDecision(cluster, binaries),
  };
}

// A cluster shut down cleanly, or one that was running when PostgreSQL died and replays its
// WAL at the next start. Any other state (in crash recovery, shutting down, a standby's
// states) asks for a person, not a loop of restarts.
const restartableStates = ['shut down', 'in production'];

/**
 * Whether PostgreSQL may be started again on its data folder, from what `pg_controldata`
 * printed (in the C locale) and the pid in postmaster.pid when that process is still alive: a
 * live one is a postmaster or backend the launcher does not own, and two on one folder corrupt it.
 */
export function clusterRestartDecision(controldata: string, livePostmasterPid?: number): RestartDecision {
  if (livePostmasterPid !== undefined) {
    return {
      restart: false,
      reason: `postmaster.pid names process ${livePostmasterPid}, which is still running; stop it, then run npm start again`,
    };
  }
  const state = /^Database cluster state:\s*(.+)$/m.exec(controldata)?.[1]?.trim();
  if (state === undefined) return { restart: false, reason: 'pg_controldata did not report the cluster state' };
  if (!restartableStates.includes(state)) {
    return { restart: false, reason: `its cluster state is "${state}", not "shut down" or "in production"` };
  }
  return { restart: true };
}

function postgresRestartDecision(cluster: PostgresCluster, binaries: Binaries): RestartDecision {
  const pid = postmasterPid(cluster.dataDir);
  const controldata = spawnSync(binaries.pgControldata, ['-D', cluster.dataDir], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (controldata.status !== 0) {
    return {
      restart: false,
      reason: `pg_controldata failed: ${(controldata.stderr || String(controldata.error)).trim()}`,
    };
  }
  return clusterRestartDecision(controldata.stdout, pid !== undefined && processAlive(pid) ? pid : undefined);
}

/** The first line of postmaster.pid, which PostgreSQL removes at a clean shutdown. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function connectionUrl(cluster: PostgresCluster, database: string): string {
  return `postgresql://${superuser}:${cluster.password}@${cluster.host}:${cluster.port}/${database}`;
}

export async function ensureDatabase(cluster: PostgresCluster, database: string): Promise<void> {
  const rows = await query(cluster, 'postgres', 'select 1 from pg_database where datname = $1', [database]);
  if (rows.length === 0) await query(cluster, 'postgres', `create database ${pg.escapeIdentifier(database)}`);
}

async function query(
  cluster: PostgresCluster,
  database: string,
  text: string,
  values: unknown[] = [],
): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: connectionUrl(cluster, database), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return (await client.query(text, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new SetupError(
      "PostgreSQL cannot run as root and there is no 'postgres' user; reinstall the Debian package postgresql.",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
