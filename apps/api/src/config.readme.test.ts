import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configKeys, loadConfig } from './config.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('\n## Configuration\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const emptyDir = mkdtempSync(path.join(tmpdir(), 'promwall-readme-'));

/** The rows of the table under `header`, as cells with code spans unquoted. */
function tableRows(header: string): string[][] {
  const lines = section.split('\n');
  const first = lines.indexOf(header) + 2;
  expect(first, `a table headed ${header}`).toBeGreaterThan(1);
  const rows = lines.slice(
    first,
    lines.findIndex((line, i) => i >= first && !line.startsWith('|')),
  );
  return rows.map((row) =>
    row
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
  );
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.every((name, i) => path[i] === name);
}

const rows = tableRows('| variable | key | default | meaning |');
const envKeys = configKeys.filter((key) => key.env !== undefined);
const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

describe("the README's configuration section", () => {
  it('lists every environment variable of the schema with its key, and no other', () => {
    const listed = rows.map(([variable, key]) => `${variable} ${key}`).sort();

    expect(listed).toEqual(envKeys.map((key) => `${key.env} ${key.path.join('.')}`).sort());
  });

  // Run at the checkout's root, as the README's commands are: PROMWALL_WEB_DIR's relative default resolves there.
  it.each(envKeys.map((key) => [key.env, key] as const))(
    'states the default of %s as the schema has it',
    (env, key) => {
      const stated = rows.find(([variable]) => variable === env)?.[2];
      const fallback = key.schema.safeParse(undefined);
      // A key of an optional section, such as alertmanager.url, is unset while its section is.
      const inOptionalSection = configKeys
        .filter((section) => key.path.length > section.path.length && isPrefix(section.path, key.path))
        .some((section) => {
          const absent = section.schema.safeParse(undefined);
          return absent.success && absent.data === undefined;
        });

      if (inOptionalSection) expect(stated).toBe('none');
      else if (!fallback.success) expect(stated).toBe('required');
      else if (fallback.data === undefined || fallback.data === '') expect(stated).toBe('none');
      else expect(key.schema.parse(stated)).toEqual(fallback.data);
    },
  );

  it('shows in its YAML block the values the schema defaults to', () => {
    const file = path.join(emptyDir, 'readme.yml');
    writeFileSync(file, yamlBlock);
    const fromBlock = loadConfig({ PROMWALL_CONFIG: file }, emptyDir);
    const defaults = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9090' }, emptyDir);

    expect({ ...fromBlock, alertmanager: undefined }).toEqual(defaults);
    expect(fromBlock.alertmanager?.url).toBe('http://127.0.0.1:9093');
  });

  it('names every key of the schema in its YAML block, as a setting or in a comment', () => {
    const missing = configKeys
      .filter((key) => !new RegExp(`\\b${key.path.at(-1)}:`).test(yamlBlock))
      .map((key) => key.path.join('.'));

    expect(missing).toEqual([]);
  });
});
