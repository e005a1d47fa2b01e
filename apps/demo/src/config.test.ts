import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, describeDatabase, parseConfig } from './config.ts';

const URL_OK = 'postgresql://promwall:secret@127.0.0.1:15432/promwall_demo';

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the defaults when only DATABASE_URL is set', () => {
    expect(parseConfig({ DATABASE_URL: URL_OK })).toEqual({
      databaseUrl: URL_OK,
      host: '127.0.0.1',
      port: 18000,
      cycleSeconds: 600,
      maxDbConnections: 60,
    });
    expect(DEFAULTS.port).toBe(18000);
  });

  it('reads every variable', () => {
    expect(
      parseConfig({
        DATABASE_URL: 'postgres://u@db.internal/x',
        DEMO_HOST: '0.0.0.0',
        DEMO_PORT: '28000',
        DEMO_CYCLE_SECONDS: '60',
        DEMO_MAX_DB_CONNECTIONS: '12',
      }),
    ).toEqual({
      databaseUrl: 'postgres://u@db.internal/x',
      host: '0.0.0.0',
      port: 28000,
      cycleSeconds: 60,
      maxDbConnections: 12,
    });
  });

  it('treats empty values as unset and trims spaces', () => {
    const config = parseConfig({ DATABASE_URL: URL_OK, DEMO_HOST: '', DEMO_PORT: ' 8080 ', DEMO_CYCLE_SECONDS: '' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.cycleSeconds).toBe(600);
  });

  it('requires DATABASE_URL', () => {
    expect(errorOf({}).variable).toBe('DATABASE_URL');
    expect(errorOf({ DATABASE_URL: '   ' }).variable).toBe('DATABASE_URL');
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    const wrongScheme = errorOf({ DATABASE_URL: 'mysql://root:hunter2@localhost/db' });
    expect(wrongScheme.variable).toBe('DATABASE_URL');
    expect(wrongScheme.message).not.toContain('hunter2');
    const garbage = errorOf({ DATABASE_URL: 'not a url with hunter2' });
    expect(garbage.variable).toBe('DATABASE_URL');
    expect(garbage.message).not.toContain('hunter2');
  });

  it.each([
    ['DEMO_PORT', 'abc'],
    ['DEMO_PORT', '0'],
    ['DEMO_PORT', '65536'],
    ['DEMO_PORT', '80.5'],
    ['DEMO_PORT', '-1'],
    ['DEMO_CYCLE_SECONDS', '5'],
    ['DEMO_CYCLE_SECONDS', '1e3'],
    ['DEMO_CYCLE_SECONDS', 'ten'],
    ['DEMO_MAX_DB_CONNECTIONS', '1'],
    ['DEMO_MAX_DB_CONNECTIONS', '100000'],
    ['DEMO_MAX_DB_CONNECTIONS', '0x10'],
    ['DEMO_HOST', 'two words'],
    ['DEMO_HOST', 'http://x'],
  ])('rejects %s=%s and names the variable', (variable, value) => {
    const error = errorOf({ DATABASE_URL: URL_OK, [variable]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('accepts the boundary values', () => {
    const config = parseConfig({
      DATABASE_URL: URL_OK,
      DEMO_PORT: '65535',
      DEMO_CYCLE_SECONDS: '10',
      DEMO_MAX_DB_CONNECTIONS: '2',
    });
    expect([config.port, config.cycleSeconds, config.maxDbConnections]).toEqual([65535, 10, 2]);
  });
});

describe('describeDatabase', () => {
  it('names host and database but never the password', () => {
    const text = describeDatabase(URL_OK);
    expect(text).toBe('127.0.0.1:15432/promwall_demo');
    expect(text).not.toContain('secret');
  });
});
