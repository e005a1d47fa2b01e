import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './log.ts';
import { repoRoot } from './paths.ts';
import { SetupError } from './packages.ts';

const outputs = ['apps/web/dist/index.html', 'apps/api/dist/main.js', 'apps/demo/dist/main.js'];
const inputs = [
  'package-lock.json',
  'packages/core/src',
  'apps/api/src',
  'apps/demo/src',
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'stack/buildNode.mjs',
];

/** Runs the production build of web, API and demo when a source is newer than its output. */
export function ensureBuild(): void {
  const built = outputs.map((path) => join(repoRoot, path));
  const oldestOutput = Math.min(...built.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)));
  const newestInput = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  if (oldestOutput >= newestInput) return;
  step('building web app, API and demo workload');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new SetupError('The build failed; see its output above.');
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}
