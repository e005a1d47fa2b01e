import { promqlString, withLabelFilters } from '@promwall/core/promql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';

/** Real Prometheus is the oracle: it parses what Promwall generates. */
let stack: Stack;
let jobs: string[];

async function query(expr: string): Promise<{ metric: Record<string, string> }[]> {
  const response = await fetch(`${stack.urls.prometheus}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr }),
  });
  const body = (await response.json()) as {
    status: string;
    data: { result: { metric: Record<string, string> }[] };
    error?: string;
  };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

// Any well-formed string: every Unicode code point, control characters and quotes included.
const anyLabelValue = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

beforeAll(async () => {
  ({ stack } = await startTestStack('filters', { withoutPromwall: true }));
  jobs = await eventually(
    async () => {
      const result = await query('up');
      return result.length === 5 ? result.map((row) => row.metric.job!).sort() : undefined;
    },
    30_000,
    'all five targets',
  );
});

afterAll(async () => {
  await stack?.stop();
});

describe('filter values as PromQL string literals', () => {
  it('reach Prometheus as exactly the value given', async () => {
    await fc.assert(
      fc.asyncProperty(anyLabelValue, async (value) => {
        const [row] = await query(`label_replace(vector(1), "v", ${promqlString(value)}, "", "")`);
        expect(row?.metric.v).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it('select exactly the series whose label equals the value, and nothing else', async () => {
    const candidates = fc.oneof(
      fc.constantFrom(...jobs),
      fc.constantFrom(...jobs).map((job) => `${job}.*`),
      fc.constantFrom(...jobs).map((job) => `${job}"} or vector(1) or {a="`),
      fc.constantFrom(...jobs).map((job) => `${job}\n`),
      anyLabelValue,
    );
    await fc.assert(
      fc.asyncProperty(candidates, async (value) => {
        const result = await query(withLabelFilters('up', { job: value }));
        expect(result.map((row) => row.metric.job)).toEqual(jobs.filter((job) => job === value));
      }),
      { numRuns: 200 },
    );
  });
});
