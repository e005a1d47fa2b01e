import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDashboard } from '../dashboards/dashboards.loader.ts';
import { importGrafana } from './grafana.import.ts';

const fixture = fileURLToPath(new URL('./fixtures/service-overview.json', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'promwall-import-'));

function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = importGrafana(args, {
    cwd: dir,
    env: { PROMWALL_DASHBOARDS_DIR: dir },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importGrafana (npm run import-grafana)', () => {
  it('writes a board that Promwall loads into the dashboards folder, listing what it left out', () => {
    const { code, stderr } = run(fixture);

    expect(code).toBe(0);
    const text = readFileSync(path.join(dir, 'checkout-service.yml'), 'utf8');
    const loaded = parseDashboard('checkout-service.yml', text);
    expect(loaded.ok ? loaded.definition.title : loaded.message).toBe('Checkout service');
    expect(text).toMatch(/^# Converted from the Grafana dashboard "Checkout service" \(service-overview\.json\)/);
    expect(text).toContain(
      '# not converted: heatmap panel "Latency distribution": heatmap panels have no Promwall equivalent',
    );
    expect(stderr).toContain('7 panels converted, 6 not converted');
  });

  it('keeps an existing file, writes to standard output with --out -, and reads the API’s export format', () => {
    expect(run(fixture).code).toBe(1);
    const wrapped = path.join(dir, 'export.json');
    writeFileSync(wrapped, JSON.stringify({ dashboard: JSON.parse(readFileSync(fixture, 'utf8')), meta: {} }));

    const { code, stdout } = run('export.json', '--out', '-');

    expect(code).toBe(0);
    expect(stdout).toContain('title: Checkout service');
  });

  it('refuses a file that is not JSON, and a dashboard with nothing to convert', () => {
    writeFileSync(path.join(dir, 'broken.json'), '{');
    writeFileSync(
      path.join(dir, 'notes.json'),
      JSON.stringify({ title: 'Notes', panels: [{ type: 'text', title: 'x' }] }),
    );

    expect(run('broken.json', '--colour')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--colour'"),
    });
    expect(run('broken.json')).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read') });
    expect(run('notes.json')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no panel could be converted'),
    });
  });
});
