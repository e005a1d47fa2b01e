import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardStore } from './dashboards.store.ts';

const board = (title: string, query = 'up') => `
title: ${title}
rows:
  - panels:
      - { id: up, type: stat, title: Up, query: '${query}' }
`;

let dir: string;
let store: DashboardStore;
const logged: string[] = [];

function write(file: string, text: string): void {
  // As editors do: a new file renamed over the old one, so a reader never sees half a file.
  const temporary = path.join(dir, `.${file}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path.join(dir, file));
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'promwall-dashboards-'));
  logged.length = 0;
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line).msg) });
  store = new DashboardStore(dir, logger);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DashboardStore', () => {
  it('loads every dashboard file of the folder, by id, ignoring other files', async () => {
    write('a.yml', board('A'));
    write('b.yaml', board('B'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a board');
    await store.start();

    expect(store.list().map((entry) => [entry.id, entry.good?.definition.title])).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    expect(store.problems).toEqual([]);
  });

  it('swaps in a changed file by itself, watching the folder', async () => {
    write('a.yml', board('A'));
    await store.start();
    const first = store.get('a')!.good!;

    write('a.yml', board('A, edited'));

    const edited = await eventually(() =>
      store.get('a')?.good?.definition.title === 'A, edited' ? store.get('a')!.good! : undefined,
    );
    expect(edited.version).not.toBe(first.version);
  });

  it('keeps the last good version of a broken file, with its error, and leaves the others alone', async () => {
    write('a.yml', board('A'));
    write('b.yml', board('B'));
    await store.start();
    const good = store.get('a')!.good!;
    const other = store.get('b')!;

    write('a.yml', board('A', 'sum(rate('));
    await store.rescan();

    const broken = store.get('a')!;
    expect(broken.good).toBe(good);
    expect(broken.error?.message).toBe(
      'a.yml: panel "up" (rows[0].panels[0]): query: not valid PromQL at 1:10 (unexpected end of query)',
    );
    expect(store.get('b')).toBe(other);
    expect(logged).toContain(
      'dashboards: a.yml: panel "up" (rows[0].panels[0]): query: not valid PromQL at 1:10 (unexpected end of query) (the last good version stays in use)',
    );

    write('a.yml', board('A, fixed'));
    await store.rescan();
    expect(store.get('a')).toMatchObject({ error: undefined, good: { definition: { title: 'A, fixed' } } });
  });

  it('lists a file that never loaded, with its error and no version', async () => {
    write('broken.yml', 'title: [');
    await store.start();

    expect(store.get('broken')).toMatchObject({
      good: undefined,
      error: { message: expect.stringMatching(/^broken\.yml: line/) },
    });
  });

  it('forgets a removed file, and refuses a second file with the same id', async () => {
    write('a.yml', board('A'));
    write('a.yaml', board('A again'));
    await store.start();
    expect(store.get('a')?.file).toBe('a.yaml');
    expect(store.problems).toEqual(['a.yml: ignored, a.yaml has the same id']);

    unlinkSync(path.join(dir, 'a.yaml'));
    await store.rescan();
    expect(store.get('a')?.file).toBe('a.yml');
    unlinkSync(path.join(dir, 'a.yml'));
    await store.rescan();
    expect(store.list()).toEqual([]);
  });

  it('reports a missing folder, and loads it once it appears', async () => {
    rmSync(dir, { recursive: true });
    await store.start();
    expect(store.problems[0]).toMatch(/^the dashboards folder .* cannot be read \(ENOENT\)$/);

    mkdirSync(dir);
    write('a.yml', board('A'));
    await store.rescan();
    expect(store.problems).toEqual([]);
    expect(store.get('a')?.good?.definition.title).toBe('A');
  });
});
