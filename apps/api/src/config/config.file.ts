import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config.problems.ts';

/** Read when PROMWALL_CONFIG is unset and the file exists in the working directory. */
export const DEFAULT_CONFIG_FILE = 'promwall.yml';

export interface ConfigFile {
  /** The absolute path, or undefined when there is no file: defaults and the environment only. */
  path: string | undefined;
  /** How problems name the file: as PROMWALL_CONFIG gave it, or promwall.yml. */
  label: string;
  data: Record<string, unknown>;
}

/** The config file Promwall reads: PROMWALL_CONFIG's (empty counts as unset), else promwall.yml when it exists. */
export function findConfigFile(env: Record<string, string | undefined>, cwd = process.cwd()): string | undefined {
  const explicit = env.PROMWALL_CONFIG || undefined;
  const file = path.resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  return explicit || existsSync(file) ? file : undefined;
}

/** @throws ConfigError when the file cannot be read or is not a YAML mapping. */
export function readConfigFile(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigFile {
  const file = findConfigFile(env, cwd);
  const label = env.PROMWALL_CONFIG || DEFAULT_CONFIG_FILE;
  if (file === undefined) return { path: undefined, label, data: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([`PROMWALL_CONFIG: cannot read ${file}`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError([`${label}: not valid YAML (${(error as Error).message.split('\n')[0]})`]);
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError([`${label}: must be a YAML mapping`]);
  return { path: file, label, data: data as Record<string, unknown> };
}
