import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { step } from './log.ts';
import { repoRoot } from './paths.ts';

const reports = join(repoRoot, 'test-results', 'reports');
const playwrightReport = 'playwright.json';

/** Passed and failed counts from a suite's JSON report, and the failed tests' names. */
interface Counts {
  passed: number;
  failed: number;
  failures: string[];
}

interface Suite {
  name: string;
  command: string[];
  count?: (report: unknown) => Counts;
  report?: string;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

interface PlaywrightSuite {
  specs?: { title: string; file: string; line: number; ok: boolean }[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightReport extends PlaywrightSuite {
  stats: { expected: number; unexpected: number; flaky: number };
}

/** The first line of a failure message, without colour codes: enough to tell failures apart. */
const firstLine = (message = '') => stripVTControlCharacters(message).split('\n')[0]!.slice(0, 200);

/** Counts of a Vitest JSON report, and its failed tests as `file › name: first line of the error`. */
export function vitestCounts(report: unknown): Counts {
  const r = report as VitestReport;
  const failures = (r.testResults ?? []).flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === 'failed')
      .map((test) => `${relative(repoRoot, file.name)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`),
  );
  return { passed: r.numPassedTests, failed: r.numFailedTests, failures };
}

/** Counts of a Playwright JSON report (a flaky test passed in the end), and its failed tests. */
export function playwrightCounts(report: unknown): Counts {
  const r = report as PlaywrightReport;
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, failures: failedSpecs(r) };
}

function failedSpecs(suite: PlaywrightSuite): string[] {
  return [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => `e2e/${spec.file}:${spec.line} › ${spec.title}`),
    ...(suite.suites ?? []).flatMap(failedSpecs),
  ];
}

function vitest(project: string): Suite {
  const report = `vitest-${project}.json`;
  return {
    name: `${project} tests`,
    report,
    command: [
      'npx',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, report)}`,
    ],
    count: vitestCounts,
  };
}

const suites: Suite[] = [
  { name: 'lint and format check', command: ['npm', 'run', 'lint', '--silent'] },
  { name: 'type check', command: ['npm', 'run', 'typecheck', '--silent'] },
  vitest('unit'),
  vitest('integration'),
  {
    name: 'end-to-end tests',
    report: playwrightReport,
    command: ['npx', 'playwright', 'test'],
    count: playwrightCounts,
  },
];

/** Runs every suite, even after one fails, and ends with the failed tests by name and one
 * 'N passed, N failed' line: the tail of a long log says what failed. */
export function runTests(): number {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let passed = 0;
  let failed = 0;
  const failedSuites: string[] = [];
  const failures: string[] = [];
  for (const suite of suites) {
    step(suite.name);
    const [command, ...args] = suite.command as [string, ...string[]];
    const run = spawnSync(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, playwrightReport) },
    });
    const reportPath = suite.report ? join(reports, suite.report) : undefined;
    const counts =
      suite.count && reportPath && existsSync(reportPath)
        ? suite.count(JSON.parse(readFileSync(reportPath, 'utf8')))
        : ({ passed: 0, failed: 0, failures: [] } satisfies Counts);
    passed += counts.passed;
    failures.push(...counts.failures);
    failed += counts.failed;
    if (run.status !== 0) {
      failedSuites.push(suite.name);
      // A suite that failed without a failing test (a crash, a type error) still counts.
      if (counts.failed === 0) failed += 1;
    }
  }
  if (failures.length > 0) console.log(`\nFailed tests:\n${failures.map((name) => `  ✗ ${name}`).join('\n')}`);
  if (failedSuites.length > 0) console.log(`\nFailed: ${failedSuites.join(', ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failedSuites.length === 0 ? 0 : 1;
}
