import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stackOptionsFromEnv } from '../src/config.ts';
import { stackConfigDir } from '../src/paths.ts';
import { rulesFile, writePrometheusConfig } from '../src/stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'promwall-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the generated stack configuration', () => {
  it('passes promtool check config', () => {
    const path = writePrometheusConfig(stackOptionsFromEnv({ PROMWALL_DATA_DIR: dataDir }));
    const check = run('promtool', ['check', 'config', path]);
    expect(check.output).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });

  it('passes promtool check rules with the four demo alerts', () => {
    const check = run('promtool', ['check', 'rules', rulesFile]);
    expect(check.output).toContain('SUCCESS: 4 rules found');
    expect(check.status).toBe(0);
  });

  it('passes amtool check-config', () => {
    const check = run('amtool', ['check-config', join(stackConfigDir, 'alertmanager.yml')]);
    expect(check.output).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });

  it('is refused by promtool when a rule is broken, so the checks above can fail', () => {
    const broken = join(dataDir, 'broken.yml');
    const write = spawnSync('sh', [
      '-c',
      `printf 'groups:\\n  - name: x\\n    rules:\\n      - alert: X\\n        expr: up ==\\n' > ${broken}`,
    ]);
    expect(write.status).toBe(0);
    expect(run('promtool', ['check', 'rules', broken]).status).not.toBe(0);
  });
});
