import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from './auth.access.ts';

const security = readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');
const HEADER = '| method | path | needs |';

/** The rows of docs/security.md's route table, code spans unquoted. */
function documentedRoutes(): string[][] {
  const lines = security.split('\n');
  const first = lines.indexOf(HEADER) + 2;
  expect(first, `a table headed ${HEADER}`).toBeGreaterThan(1);
  const end = lines.findIndex((line, i) => i >= first && !line.startsWith('|'));
  return lines.slice(first, end).map((row) =>
    row
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
  );
}

describe("docs/security.md's route table", () => {
  it('states every route of ROUTE_ACCESS with its role, in its order, and no other', () => {
    const needs = (rule: (typeof ROUTE_ACCESS)[number]) =>
      rule.access === 'public'
        ? 'nothing'
        : rule.publicWith
          ? `${rule.access} (nothing with \`auth.${rule.publicWith}: true\`)`
          : rule.access;
    const declared = ROUTE_ACCESS.map((rule) => [rule.method === 'ALL' ? 'any' : rule.method, rule.path, needs(rule)]);

    expect(documentedRoutes()).toEqual(declared);
  });
});
