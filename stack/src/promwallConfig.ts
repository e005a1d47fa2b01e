import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stackConfigDir } from './paths.ts';

/** Promwall's settings on the embedded stack: thresholds and alert links that agree with the
 * stack's alert rules. */
export const stackPromwallConfig = join(stackConfigDir, 'promwall.yml');

/** The file Promwall reads when PROMWALL_CONFIG is unset (see apps/api's configuration). */
const USER_CONFIG_FILE = 'promwall.yml';

/**
 * PROMWALL_CONFIG for the stack's own Promwall: the stack's settings, unless the user gave theirs
 * (the variable, or a promwall.yml where Promwall starts), which always win.
 */
export function promwallConfigEnv(env: Record<string, string | undefined>, cwd: string): Record<string, string> {
  if (env.PROMWALL_CONFIG || existsSync(join(cwd, USER_CONFIG_FILE))) return {};
  return { PROMWALL_CONFIG: stackPromwallConfig };
}
