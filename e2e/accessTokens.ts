import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@promwall/stack';

/** The tokens of a Promwall that asks for them: one per role, named as the README's examples. */
export interface AccessTokens {
  kiosk: string;
  viewer: string;
  admin: string;
}

export const TOKEN_NAMES: Record<keyof AccessTokens, string> = {
  kiosk: 'lobby-tv',
  viewer: 'sre-laptop',
  admin: 'ops-alice',
};

/**
 * Makes a token per role with `npm run token`'s command, as an administrator would, and writes
 * the configuration file of the lines it prints. Returns the file and the tokens.
 */
export function writeTokenConfig(dir: string): { file: string; tokens: AccessTokens } {
  const tokens: Partial<AccessTokens> = {};
  const lines: string[] = [];
  for (const [role, name] of Object.entries(TOKEN_NAMES) as [keyof AccessTokens, string][]) {
    const printed = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'apps/api/src/token.ts'), '--role', role, '--name', name],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const token = /^token: (\S+)$/m.exec(printed)?.[1];
    const line = /^\s+(- \{ name: .+\})$/m.exec(printed)?.[1];
    if (!token || !line) throw new Error(`npm run token printed no token and config line:\n${printed}`);
    tokens[role] = token;
    lines.push(`    ${line}`);
  }
  const file = join(dir, 'promwall-tokens.yml');
  writeFileSync(file, `auth:\n  tokens:\n${lines.join('\n')}\n`);
  return { file, tokens: tokens as AccessTokens };
}

/** The tokens globalSetup configured on the Promwall at PROMWALL_GUARDED_URL. */
export function guardedTokens(): AccessTokens {
  const tokens = process.env.PROMWALL_GUARDED_TOKENS;
  if (!tokens) throw new Error('PROMWALL_GUARDED_TOKENS is not set: e2e/globalSetup.ts starts that Promwall');
  return JSON.parse(tokens) as AccessTokens;
}
