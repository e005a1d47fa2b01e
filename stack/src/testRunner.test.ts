import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';
import { playwrightCounts, vitestCounts } from './testRunner.ts';

describe('the test runner’s reading of the JSON reports', () => {
  it('names each failed Vitest test with its file and the first line of its error, colours removed', () => {
    const report = {
      numPassedTests: 255,
      numFailedTests: 1,
      testResults: [
        {
          name: join(repoRoot, 'apps/api/test/historyFailover.integration.test.ts'),
          assertionResults: [
            { fullName: 'two replicas on one database have exactly one recorder', status: 'passed' },
            {
              fullName: 'PostgreSQL away for a minute loses no round within the queue bound',
              status: 'failed',
              failureMessages: [
                "AssertionError: expected [ '2026-11-27T16:25:21.000Z' ] to deeply \u001b[31mequal\u001b[39m []\n    at x.ts:1:1",
              ],
            },
          ],
        },
      ],
    };

    expect(vitestCounts(report)).toEqual({
      passed: 255,
      failed: 1,
      failures: [
        "apps/api/test/historyFailover.integration.test.ts › PostgreSQL away for a minute loses no round within the queue bound: AssertionError: expected [ '2026-11-27T16:25:21.000Z' ] to deeply equal []",
      ],
    });
  });

  it('counts a flaky Playwright test as passed and names the failed ones in nested suites', () => {
    const report = {
      stats: { expected: 80, unexpected: 1, flaky: 1 },
      suites: [
        {
          file: 'tv.spec.ts',
          specs: [{ title: 'fills 1920×1080', file: 'tv.spec.ts', line: 21, ok: true }],
          suites: [{ specs: [{ title: 'rotates through its pages', file: 'tv.spec.ts', line: 90, ok: false }] }],
        },
      ],
    };

    expect(playwrightCounts(report)).toEqual({
      passed: 81,
      failed: 1,
      failures: ['e2e/tv.spec.ts:90 › rotates through its pages'],
    });
  });
});
