import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// The source (src/config.ts) and the bundle (dist/main.js) sit at the same depth in apps/api,
// so one relative path finds apps/web/dist from either.
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  // Callers append API paths to the base, so a trailing slash would double up.
  .transform((url) => url.replace(/\/+$/, ''));

const portMessage = 'must be an integer from 0 to 65535';

const EnvSchema = z.object({
  PROMETHEUS_URL: httpUrl,
  ALERTMANAGER_URL: httpUrl.optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, portMessage)
    .transform(Number)
    .refine((port) => port <= 65_535, portMessage)
    .default(8470),
  PROMWALL_WEB_DIR: z
    .string()
    .transform((dir) => path.resolve(dir))
    .default(DEFAULT_WEB_DIR),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

const MISSING_MESSAGES: Partial<Record<keyof z.input<typeof EnvSchema>, string>> = {
  PROMETHEUS_URL: 'is required (the base URL of the Prometheus server, e.g. http://127.0.0.1:9090)',
};

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Base URL of the Prometheus-compatible server, without a trailing slash. */
  prometheusUrl: string;
  alertmanagerUrl: string | undefined;
  host: string;
  port: number;
  /** Absolute path of the built web app (the folder holding index.html). */
  webDir: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** One entry per bad key, e.g. `PORT: must be an integer from 0 to 65535`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

/**
 * Reads Promwall's settings from environment variables. Empty values count as unset, so
 * `PORT=` falls back to the default instead of meaning port 0.
 *
 * @throws ConfigError with one line per bad key.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const keys = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];
  const input = Object.fromEntries(
    keys.map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );

  const result = EnvSchema.safeParse(input);
  if (!result.success) {
    const problemByKey = new Map<string, string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      if (problemByKey.has(key)) continue;
      const missing = input[key] === undefined;
      const message = missing
        ? (MISSING_MESSAGES[key as keyof typeof MISSING_MESSAGES] ?? 'is required')
        : issue.message;
      problemByKey.set(key, `${key}: ${message}`);
    }
    throw new ConfigError([...problemByKey.values()]);
  }

  const parsed = result.data;
  return {
    prometheusUrl: parsed.PROMETHEUS_URL,
    alertmanagerUrl: parsed.ALERTMANAGER_URL,
    host: parsed.HOST,
    port: parsed.PORT,
    webDir: parsed.PROMWALL_WEB_DIR,
    logLevel: parsed.LOG_LEVEL,
  };
}
