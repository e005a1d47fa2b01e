import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  seconds: number;
  signal?: AbortSignal;
}

export interface LoadResult {
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus connection errors: a fast failure must not pass for throughput. */
  failed: number;
}

/** Keeps `connections` requests in flight against `url` for `seconds`, one request per connection at a time. */
export function runLoad(url: string, { connections, seconds, signal }: LoadOptions): Promise<LoadResult> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error: unknown, result) => {
      signal?.removeEventListener('abort', stop);
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      resolve({
        seconds: result.duration,
        requestsPerSecond: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        failed: result.non2xx + result.errors,
      });
    });
    const stop = () => instance.stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The mean of several runs of the same load, so that runs taken in turn cancel slow drift. */
export function meanOf(results: readonly LoadResult[]): LoadResult {
  const mean = (pick: (result: LoadResult) => number) =>
    results.reduce((sum, result) => sum + pick(result), 0) / results.length;
  return {
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    requestsPerSecond: mean((result) => result.requestsPerSecond),
    p50Ms: mean((result) => result.p50Ms),
    p99Ms: mean((result) => result.p99Ms),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
  };
}
