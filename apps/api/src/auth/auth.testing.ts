import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@promwall/core/auth';
import { pino, type Logger } from 'pino';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../database/database.pool.ts';
import { hashToken, newToken } from './auth.tokens.ts';

/** One token per role, made for this test run. */
export const TEST_TOKENS: Record<Role, { name: string; token: string }> = {
  kiosk: { name: 'lobby-tv', token: newToken() },
  viewer: { name: 'sre-laptop', token: newToken() },
  admin: { name: 'ops-alice', token: newToken() },
};

/** A token of the right shape that no configuration holds. */
export const WRONG_TOKEN = newToken();

/** The `auth` section configuring TEST_TOKENS, as YAML. */
export function authYaml(extra = ''): string {
  const lines = Object.entries(TEST_TOKENS).map(
    ([role, { name, token }]) => `    - { name: ${name}, role: ${role}, hash: "${hashToken(token)}" }`,
  );
  return `auth:\n  tokens:\n${lines.join('\n')}\n${extra}`;
}

/**
 * A database that never becomes ready: an app given it declares its history routes, which answer
 * 503, and keeps its walls there, which answer 503 too.
 */
export const UNREADY_DATABASE: Database = {
  query: () => Promise.reject(new Error('the test database is never ready')),
  connect: () => Promise.reject(new Error('the test database is never ready')),
  dedicatedClient: () => {
    throw new Error('the test database is never ready');
  },
  failed: (error) => (error instanceof Error ? error : new Error(String(error))),
  answered: () => undefined,
  migrated: new Promise<void>(() => undefined),
  isMigrated: false,
  close: () => Promise.resolve(),
};

/** Promwall's app with TEST_TOKENS configured, upstreams that refuse connections, and a built web app. */
export function appWithTokens({
  env = {},
  yaml = authYaml(),
  logger = pino({ level: 'silent' }),
  database,
}: { env?: Record<string, string>; yaml?: string; logger?: Logger; database?: Database } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'promwall-auth-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Promwall</title>');
  const file = path.join(dir, 'promwall.yml');
  writeFileSync(file, yaml);
  const config = loadConfig(
    {
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      ALERTMANAGER_URL: 'http://127.0.0.1:9',
      PROMWALL_WEB_DIR: dir,
      PROMWALL_CONFIG: file,
      ...env,
    },
    dir,
  );
  return createApp({ config, logger, database });
}
