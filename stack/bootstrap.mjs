// Entry of `npm start` and `npm test`. It may run before any npm dependency exists, so it uses
// Node's standard library only: check Node, install npm dependencies when the lockfile changed,
// then hand over to the TypeScript launcher in stack/src/cli.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Promwall needs Node.js >= 20.19; this is ${process.version}.`);
  process.exit(1);
}

const lockfile = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
if (!upToDate) {
  console.log('» npm ci (installing npm dependencies)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('npm ci failed; see its output above.');
    process.exit(1);
  }
}

const { register } = await import('tsx/esm/api');
register();
await import('./src/cli.ts');
