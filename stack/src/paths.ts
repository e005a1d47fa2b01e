import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root folder. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const stackConfigDir = join(repoRoot, 'stack', 'config');
