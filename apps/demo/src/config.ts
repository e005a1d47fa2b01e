// Environment parsing for the Promwall demo workload. Pure: takes an env object, returns a
// validated config or throws a ConfigError that names the offending variable.

export interface DemoConfig {
  /** PostgreSQL connection string (postgres:// or postgresql://). */
  databaseUrl: string;
  /** Interface the HTTP server binds to. */
  host: string;
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Period of the load pattern, in seconds. */
  cycleSeconds: number;
  /** Pool size, and the peak of the DB-holding load. */
  maxDbConnections: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 18000,
  cycleSeconds: 600,
  maxDbConnections: 60,
} as const;

export const LIMITS = {
  cycleSeconds: { min: 10, max: 86_400 },
  maxDbConnections: { min: 2, max: 1_000 },
} as const;

/** Reads and validates the demo's environment variables. */
export function parseConfig(env: Env): DemoConfig {
  return {
    databaseUrl: parseDatabaseUrl(env['DATABASE_URL']),
    host: parseHost(env['DEMO_HOST']),
    port: parseInteger('DEMO_PORT', env['DEMO_PORT'], DEFAULTS.port, 1, 65_535),
    cycleSeconds: parseInteger(
      'DEMO_CYCLE_SECONDS',
      env['DEMO_CYCLE_SECONDS'],
      DEFAULTS.cycleSeconds,
      LIMITS.cycleSeconds.min,
      LIMITS.cycleSeconds.max,
    ),
    maxDbConnections: parseInteger(
      'DEMO_MAX_DB_CONNECTIONS',
      env['DEMO_MAX_DB_CONNECTIONS'],
      DEFAULTS.maxDbConnections,
      LIMITS.maxDbConnections.min,
      LIMITS.maxDbConnections.max,
    ),
  };
}

function parseDatabaseUrl(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') {
    throw new ConfigError('DATABASE_URL', 'is required (e.g. postgresql://user:password@127.0.0.1:5432/db)');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value may hold a password: never echo it.
    throw new ConfigError('DATABASE_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgresql:// or postgres:// (got ${url.protocol}//)`);
  }
  return value;
}

function parseHost(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return DEFAULTS.host;
  const value = raw.trim();
  if (/\s|\//.test(value)) {
    throw new ConfigError('DEMO_HOST', `must be a host name or IP address (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim();
  const parsed = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got ${JSON.stringify(raw)})`);
  }
  return parsed;
}

/** Describes the database target without its credentials, for log lines. */
export function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.host || url.searchParams.get('host') || 'local socket';
    const db = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}/${db}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
