import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The built server, as `npm start` runs it. */
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'promwall-main-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts Promwall in `cwd`; stops it once it listens, or lets it exit on its own. */
function runMain(cwd: string, env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [mainJs], {
    cwd,
    env: { PATH: process.env.PATH, PROMETHEUS_URL: 'http://127.0.0.1:9', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('Promwall listening on')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

function logLines(stdout: string): { msg: string; configFile?: string | null }[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('starting Promwall', () => {
  it('logs the config file named by PROMWALL_CONFIG before it listens', async () => {
    const folder = folderWith({ 'wall.yml': 'tv: { title: Lobby }\n' });
    const file = path.join(folder, 'wall.yml');
    const { code, stdout } = await runMain(folder, { PROMWALL_CONFIG: file });

    expect(code).toBe(0);
    const lines = logLines(stdout);
    expect(lines[0]).toMatchObject({ configFile: file, msg: `configuration: ${file} and the environment` });
    expect(lines[1]?.msg).toMatch(/^Promwall listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('logs the promwall.yml it found in the working directory', async () => {
    const folder = folderWith({ 'promwall.yml': 'logLevel: info\n' });
    const { stdout } = await runMain(folder, {});

    expect(logLines(stdout)[0]?.configFile).toBe(path.join(folder, 'promwall.yml'));
  });

  it('says when no config file was read', async () => {
    const folder = folderWith({});
    const { code, stdout } = await runMain(folder, { PROMWALL_CONFIG: '' });

    expect(code).toBe(0);
    expect(logLines(stdout)[0]).toEqual(
      expect.objectContaining({
        configFile: null,
        msg: `configuration: defaults and the environment (PROMWALL_CONFIG is unset and there is no promwall.yml in ${folder})`,
      }),
    );
  });

  it('refuses a bad configuration with one line per problem and exit code 2', async () => {
    const folder = folderWith({
      'promwall.yml': [
        'metrics:',
        '  cpu: { query: \'up{job="a"}}\', thresholds: { warning: 70 } }',
        'tv: { refresh: 5 }',
        '',
      ].join('\n'),
    });
    const { code, stdout, stderr } = await runMain(folder, { PORT: 'eighty' });

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'Promwall cannot start: invalid configuration',
      'PORT: must be an integer from 0 to 65535',
      'promwall.yml: metrics.cpu.query: not valid PromQL at 1:12 (unexpected "}")',
      'promwall.yml: metrics.cpu.thresholds.critical: is required: give both warning and critical',
      'promwall.yml: tv.refresh: must be a duration such as 10s',
    ]);
  });
});
