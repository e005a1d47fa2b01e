import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './packages.ts';

/** Version of the data folder's layout; a folder of another layout is refused, not guessed at. */
export const dataLayout = 1;
const stampName = 'promwall-stack.json';

/** Prepares the stack's data folder, refusing a folder of another layout or another program. */
export function prepareDataDir(dataDir: string): void {
  const stampPath = join(dataDir, stampName);
  if (existsSync(stampPath)) {
    let layout: unknown;
    try {
      layout = (JSON.parse(readFileSync(stampPath, 'utf8')) as { layout?: unknown }).layout;
    } catch {
      layout = undefined;
    }
    if (layout !== dataLayout) {
      throw new SetupError(
        `The data folder ${dataDir} is from another Promwall version (layout ${String(layout)}, this one uses ${dataLayout}).\n` +
          `Move it away or delete it (rm -rf ${dataDir}) to start with a fresh stack.`,
      );
    }
    return;
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new SetupError(
      `The data folder ${dataDir} is not empty and was not made by Promwall; refusing to write into it.\n` +
        'Point PROMWALL_DATA_DIR at an empty or new folder.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(stampPath, `${JSON.stringify({ layout: dataLayout })}\n`);
}
