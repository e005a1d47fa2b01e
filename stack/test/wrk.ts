import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Appends `%2B<n>` to the URL, n counting up: each request asks for a different query text. */
  distinct?: boolean;
  /** Paths below the URL's origin asked in turn, e.g. a board's panels; the URL's path when absent. */
  paths?: readonly string[];
  signal?: AbortSignal;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx/3xx answers plus socket errors and timeouts: a fast failure must not pass for throughput. */
  failed: number;
}

// wrk's own report, printed by its `done` hook as one JSON line; latencies are in microseconds.
const REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50":%d,"p99":%d,"max":%d,"failed":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

const DISTINCT = `
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "%2B" .. counter)
end
`;

const inTurn = (paths: readonly string[]) => `
paths = { ${paths.map((path) => JSON.stringify(path)).join(', ')} }
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
`;

/**
 * Keeps `connections` requests in flight against `url` for `seconds` with Debian's wrk: one
 * thread, written in C, so the load generator takes as little of the shared CPUs as it can.
 */
export async function runLoad(
  url: string,
  { connections, seconds, distinct = false, paths, signal }: LoadOptions,
): Promise<LoadResult> {
  signal?.throwIfAborted();
  const dir = mkdtempSync(join(tmpdir(), 'promwall-wrk-'));
  const script = join(dir, 'report.lua');
  writeFileSync(script, `${distinct ? DISTINCT : ''}${paths ? inTurn(paths) : ''}${REPORT}`);
  try {
    const { stdout } = await run(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url],
      { signal, timeout: (seconds + 30) * 1000 },
    );
    const line = stdout.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50: number;
      p99: number;
      max: number;
      failed: number;
    };
    const elapsed = report.durationUs / 1e6;
    return {
      seconds: elapsed,
      requests: report.requests,
      requestsPerSecond: report.requests / elapsed,
      p50Ms: report.p50 / 1000,
      p99Ms: report.p99 / 1000,
      maxMs: report.max / 1000,
      failed: report.failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
