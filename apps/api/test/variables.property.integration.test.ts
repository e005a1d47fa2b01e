import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { stringify } from 'yaml';
import { parseDashboard } from '../src/dashboards/dashboards.loader.ts';
import { startApi, type RunningApi } from './support/api.ts';

/**
 * Dashboard variables against a real Prometheus as the oracle: whatever value a viewer sends,
 * the panel's answer is the one of the same query with a harmless value in its place — the
 * value itself when it is a real label value, else one that matches nothing. A value can narrow
 * a panel to the series it names, and never change the query's structure.
 */

const SHIPPED = fileURLToPath(new URL('../../../dashboards/', import.meta.url));
const ABSENT = 'promwall-no-such-value';

let stack: Stack;
let api: RunningApi;
let panels: string[];
let values: Record<'job' | 'instance', string[]>;
/** Every answer is taken at this time, so two answers differ only by what the value selects. */
let end: string;

/** Every query of the shipped boards, as table panels of one board: instant vectors as rows. */
function propertyBoard(): { text: string; ids: string[] } {
  const queries = new Set<string>([
    'up',
    'count(up == 1) or vector(0)',
    'label_replace(up, "copy", "$1", "job", "(.*)")',
    'sum by (job) (up) * on (job) group_left count by (job) (up)',
  ]);
  for (const file of readdirSync(SHIPPED)) {
    const parsed = parseDashboard(file, readFileSync(path.join(SHIPPED, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    for (const panel of parsed.definition.rows.flatMap((row) => row.panels)) {
      if (panel.type === 'stat' || panel.type === 'table') queries.add(panel.query);
      if (panel.type === 'timeseries') panel.queries.forEach(({ query }) => queries.add(query));
    }
  }
  const ids = [...queries].map((_, i) => `q${i}`);
  const board = {
    title: 'Property',
    variables: [{ name: 'job' }, { name: 'instance' }],
    rows: [...queries].map((query, i) => ({ panels: [{ id: ids[i], type: 'table', title: `Query ${i}`, query }] })),
  };
  return { text: stringify(board), ids };
}

async function rows(panel: string, label: string, value: string): Promise<string[]> {
  // A 5m range gives 1 s steps: the answer is taken at `end` itself, not at an earlier step.
  const params = new URLSearchParams({ end, range: '5m', [`var-${label}`]: value });
  const { status, body } = await api.get(`/api/v1/dashboards/property/panels/${panel}?${params}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.rows.map((row: { labels: Record<string, string>; value: number | null }) => JSON.stringify(row)).sort();
}

beforeAll(async () => {
  ({ stack } = await startTestStack('variables', { withoutPromwall: true }));
  const dir = mkdtempSync(path.join(tmpdir(), 'promwall-property-'));
  const board = propertyBoard();
  panels = board.ids;
  writeFileSync(path.join(dir, 'property.yml'), board.text);
  api = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_DASHBOARDS_DIR: dir });
  values = await eventually(
    async () => {
      const { body } = await api.get('/api/v1/dashboards/property');
      const [job, instance] = body.variables ?? [];
      return job?.values.length === 5 && instance?.values.length === 5
        ? { job: job.values, instance: instance.values }
        : undefined;
    },
    // A young stack's targets appear as Prometheus first scrapes them: slower on a busy machine.
    60_000,
    'all five targets',
  );
  // Leave the rates a few scrapes to work with.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  end = new Date((Math.floor(Date.now() / 1000) - 2) * 1000).toISOString();
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

describe('a dashboard variable’s value, whatever it is', () => {
  it('changes a panel’s answer only as a label matcher would', async () => {
    const label = fc.constantFrom('job' as const, 'instance' as const);
    const hostile = (real: string) =>
      fc.oneof(
        { arbitrary: fc.constant(real), weight: 4 },
        fc.constant(`${real}.*`),
        fc.constant(`${real}"} or vector(1) or up{a="`),
        fc.constant(`${real}", job!="`),
        fc.constant(`${real}\n`),
        fc.constant(`${real}\\`),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
      );
    const cases = label.chain((name) =>
      fc.record({
        panel: fc.constantFrom(...panels),
        name: fc.constant(name),
        value: fc.constantFrom(...values[name]).chain(hostile),
      }),
    );
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ panel, name, value }) => {
        const harmless = values[name].includes(value) ? value : ABSENT;
        const answer = await rows(panel, name, value);
        expect(answer).toEqual(await rows(panel, name, harmless));
        if (answer.length > 0) answered++;
      }),
      { numRuns: 300 },
    );
    // The property says nothing if every answer is empty.
    expect(answered).toBeGreaterThan(30);
  });

  it('narrows a plain selector to exactly the series whose label has that value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...values.job), async (job) => {
        const answer = (await rows('q0', 'job', job)).map((row) => JSON.parse(row).labels.job);
        expect(answer).toEqual([job]);
      }),
      { numRuns: 10 },
    );
  });
});
