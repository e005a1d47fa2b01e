import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { step } from './log.ts';

/** Debian packages the embedded stack runs on. */
export const stackPackages = [
  'prometheus',
  'prometheus-node-exporter',
  'prometheus-alertmanager',
  'prometheus-postgres-exporter',
  'postgresql',
] as const;

/** Extra packages the test suite needs: the second backend, the browser, a load generator, and openssl for the TLS tests' CA. */
export const testPackages = ['victoria-metrics', 'chromium', 'wrk', 'openssl'] as const;

export type InstallPlan =
  { kind: 'none' } | { kind: 'run'; argv: string[][] } | { kind: 'impossible'; message: string };

export interface Privileges {
  isRoot: boolean;
  hasSudo: boolean;
}

/** Decides how to install the missing packages, without side effects. */
export function planInstall(missing: readonly string[], privileges: Privileges): InstallPlan {
  if (missing.length === 0) return { kind: 'none' };
  const update = ['apt-get', 'update'];
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (privileges.isRoot) return { kind: 'run', argv: [update, install] };
  if (privileges.hasSudo)
    return {
      kind: 'run',
      argv: [
        ['sudo', ...update],
        ['sudo', ...install],
      ],
    };
  return {
    kind: 'impossible',
    message:
      `Missing Debian packages: ${missing.join(', ')}. Install them as root, then run this again:\n` +
      `  sudo ${update.join(' ')} && sudo ${install.join(' ')}\n` +
      'Or point Promwall at an existing server: PROMETHEUS_URL=http://your-prometheus:9090 npm start',
  };
}

export class SetupError extends Error {
  override name = 'SetupError';
}

export function missingPackages(names: readonly string[]): string[] {
  if (!existsSync('/usr/bin/dpkg-query')) {
    throw new SetupError(
      'The embedded stack installs its components with Debian packages, and this machine has no dpkg.\n' +
        `Install ${names.join(', ')} yourself, or run Promwall alone: PROMETHEUS_URL=http://your-prometheus:9090 npm start`,
    );
  }
  return names.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.status !== 0 || !status.stdout.includes('install ok installed');
  });
}

/** Installs whichever of the packages are missing, with apt-get as root or through sudo. */
export function ensurePackages(names: readonly string[]): void {
  const missing = missingPackages(names);
  const plan = planInstall(missing, currentPrivileges());
  if (plan.kind === 'none') return;
  if (plan.kind === 'impossible') throw new SetupError(plan.message);
  step(`installing Debian packages: ${missing.join(', ')}`);
  for (const argv of plan.argv) {
    const [command, ...args] = argv as [string, ...string[]];
    const run = spawnSync(command, args, {
      stdio: 'inherit',
      // Non-interactive, and no service is started by the package scripts: the stack runs its
      // own copies on its own ports.
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' },
    });
    if (run.status !== 0) throw new SetupError(`'${argv.join(' ')}' failed (exit ${run.status ?? run.signal}).`);
  }
  const still = missingPackages(names);
  if (still.length > 0) throw new SetupError(`Still missing after apt-get install: ${still.join(', ')}`);
}

function currentPrivileges(): Privileges {
  const isRoot = process.getuid?.() === 0;
  const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  return { isRoot, hasSudo };
}
