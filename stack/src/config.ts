import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths.ts';

/** Loopback ports of the embedded stack. None is a component's usual default (9090, 9093,
 * 9100, 9187, 5432), so the stack runs beside a Prometheus or PostgreSQL the user already has. */
export interface StackPorts {
  promwall: number;
  prometheus: number;
  alertmanager: number;
  nodeExporter: number;
  postgresExporter: number;
  postgres: number;
  demo: number;
  /** Only used when a test starts VictoriaMetrics beside Prometheus. */
  victoriaMetrics: number;
}

export interface StackOptions {
  dataDir: string;
  /** Address every stack component listens on. */
  host: string;
  /** Address Promwall listens on (PORT/HOST may expose it beyond loopback). */
  promwallHost: string;
  ports: StackPorts;
  scrapeInterval: string;
  evaluationInterval: string;
  demoCycleSeconds: number;
}

export const defaultPorts: StackPorts = {
  promwall: 8470,
  prometheus: 19090,
  alertmanager: 19093,
  nodeExporter: 19100,
  postgresExporter: 19187,
  postgres: 15432,
  demo: 18000,
  victoriaMetrics: 18428,
};

/** Environment variable that overrides each port. */
export const portEnv: Record<keyof StackPorts, string> = {
  promwall: 'PORT',
  prometheus: 'PROMWALL_PROMETHEUS_PORT',
  alertmanager: 'PROMWALL_ALERTMANAGER_PORT',
  nodeExporter: 'PROMWALL_NODE_EXPORTER_PORT',
  postgresExporter: 'PROMWALL_POSTGRES_EXPORTER_PORT',
  postgres: 'PROMWALL_POSTGRES_PORT',
  demo: 'PROMWALL_DEMO_PORT',
  victoriaMetrics: 'PROMWALL_VICTORIA_METRICS_PORT',
};

const port = z.coerce.number().int().min(1).max(65535);
const duration = z.string().regex(/^\d+(ms|s|m)$/, 'a duration such as 5s');

const envSchema = z.object({
  PROMWALL_DATA_DIR: z.string().min(1).default(join(repoRoot, '.data')),
  HOST: z.string().min(1).default('127.0.0.1'),
  PROMWALL_SCRAPE_INTERVAL: duration.default('5s'),
  PROMWALL_DEMO_CYCLE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  ...Object.fromEntries(
    Object.entries(portEnv).map(([key, name]) => [name, port.default(defaultPorts[key as keyof StackPorts])]),
  ),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Stack options from the environment; a bad value throws one line per bad variable. */
export function stackOptionsFromEnv(env: NodeJS.ProcessEnv): StackOptions {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  const values = parsed.data as Record<string, unknown>;
  const ports = Object.fromEntries(
    Object.entries(portEnv).map(([key, name]) => [key, values[name] as number]),
  ) as unknown as StackPorts;
  assertDistinct(ports);
  return {
    dataDir: parsed.data.PROMWALL_DATA_DIR,
    host: '127.0.0.1',
    promwallHost: parsed.data.HOST,
    ports,
    scrapeInterval: parsed.data.PROMWALL_SCRAPE_INTERVAL,
    evaluationInterval: parsed.data.PROMWALL_SCRAPE_INTERVAL,
    demoCycleSeconds: parsed.data.PROMWALL_DEMO_CYCLE_SECONDS,
  };
}

function assertDistinct(ports: StackPorts): void {
  const seen = new Map<number, string>();
  for (const [key, value] of Object.entries(ports)) {
    const other = seen.get(value);
    if (other) {
      throw new ConfigError(
        `${portEnv[key as keyof StackPorts]}: port ${value} is also used by ${other} (${portEnv[other as keyof StackPorts]})`,
      );
    }
    seen.set(value, key);
  }
}
