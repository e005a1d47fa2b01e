import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './log.ts';
import { repoRoot } from './paths.ts';

const reports = join(repoRoot, 'test-results', 'reports');

interface Suite {
  name: string;
  command: string[];
  /** Passed and failed counts from the suite's JSON report. */
  count?: (report: unknown) => { passed: number; failed: number };
  report?: string;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
}

const vitest = (project: string): Suite => ({
  name: `${project} tests`,
  report: `vitest-${project}.json`,
  command: [
    'npx',
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, `vitest-${project}.json`)}`,
  ],
  count: (report) => {
    const r = report as VitestReport;
    return { passed: r.numPassedTests, failed: r.numFailedTests };
  },
});

const suites: Suite[] = [
  { name: 'lint and format check', command: ['npm', 'run', 'lint', '--silent'] },
  { name: 'type check', command: ['npm', 'run', 'typecheck', '--silent'] },
  vitest('unit'),
  vitest('integration'),
  {
    name: 'end-to-end tests',
    report: 'playwright.json',
    command: ['npx', 'playwright', 'test'],
    count: (report) => {
      const { stats } = report as PlaywrightReport;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  },
];

/** Runs every suite, even after one fails, and ends with one 'N passed, N failed' line. */
export function runTests(): number {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let passed = 0;
  let failed = 0;
  const failedSuites: string[] = [];
  for (const suite of suites) {
    step(suite.name);
    const [command, ...args] = suite.command as [string, ...string[]];
    const run = spawnSync(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
    });
    const reportPath = suite.report ? join(reports, suite.report) : undefined;
    const counts =
      suite.count && reportPath && existsSync(reportPath)
        ? suite.count(JSON.parse(readFileSync(reportPath, 'utf8')))
        : { passed: 0, failed: 0 };
    passed += counts.passed;
    failed += counts.failed;
    if (run.status !== 0) {
      failedSuites.push(suite.name);
      // A suite that failed without a failing test (a crash, a type error) still counts.
      if (counts.failed === 0) failed += 1;
    }
  }
  if (failedSuites.length > 0) console.log(`\nFailed: ${failedSuites.join(', ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failedSuites.length === 0 ? 0 : 1;
}
