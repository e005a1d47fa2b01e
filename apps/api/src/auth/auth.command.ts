import { parseArgs } from 'node:util';
import { ROLES, TOKEN_NAME_PATTERN, TOKEN_PARAM, type Role } from '@promwall/core/auth';
import { hashToken, newToken } from './auth.tokens.ts';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> --name <name>`;

/** The line that goes under `auth.tokens` in the configuration; the name quoted, as `1.5` or `true` would not stay text. */
export function tokenConfigLine(name: string, role: Role, hash: string): string {
  return `- { name: "${name}", role: ${role}, hash: "${hash}" }`;
}

/**
 * `npm run token -- --role kiosk --name lobby-tv`: a new random token, shown once, and the line
 * that configures it; Promwall keeps only the hash.
 */
export function tokenCommand(args: string[], token = newToken()): CommandResult {
  let values: { role?: string; name?: string };
  try {
    ({ values } = parseArgs({ args, options: { role: { type: 'string' }, name: { type: 'string' } }, strict: true }));
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n${USAGE}\n` };
  }
  const { role, name } = values;
  const problems = [
    ...(ROLES.includes(role as Role) ? [] : [`--role must be one of ${ROLES.join(', ')}`]),
    ...(name !== undefined && TOKEN_NAME_PATTERN.test(name)
      ? []
      : ['--name must be 1 to 64 letters, digits, ., _ or -, starting with a letter or digit']),
  ];
  if (problems.length > 0) return { code: 2, stdout: '', stderr: `${problems.join('\n')}\n${USAGE}\n` };

  const stdout = [
    `token: ${token}`,
    '',
    'Add this line under auth.tokens in the configuration, then restart Promwall:',
    `  ${tokenConfigLine(name!, role as Role, hashToken(token))}`,
    '',
    'The token is shown only now. Send it as Authorization: Bearer <token>, sign in with it, or open',
    `a wall once at /tv?${TOKEN_PARAM}=<token>: Promwall keeps it in a cookie and drops it from the URL.`,
    '',
  ].join('\n');
  return { code: 0, stdout, stderr: '' };
}
