import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJsonWithin, requestTimeoutMs, RequestTimeoutError } from './timedFetch.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A fetch that never answers, but honours its abort signal as browsers do. */
function hangingFetch() {
  return vi.fn(
    (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
      }),
  );
}

describe('fetchJsonWithin', () => {
  it('gives up after the timeout with an error that says so', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    const request = fetchJsonWithin('/api/v1/summary', 15_000);
    const settled = expect(request).rejects.toThrow(
      new RequestTimeoutError('/api/v1/summary did not answer within 15 s'),
    );
    await vi.advanceTimersByTimeAsync(15_000);
    await settled;
  });

  it("passes the caller's abort through untouched", async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const caller = new AbortController();
    const request = fetchJsonWithin('/api/v1/summary', 15_000, caller.signal);
    caller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('releases its listener on the caller signal when done', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{"ok":true}', { status: 200 }))),
    );
    const caller = new AbortController();
    const remove = vi.spyOn(caller.signal, 'removeEventListener');
    await expect(fetchJsonWithin('/x', 1_000, caller.signal)).resolves.toEqual({ ok: true });
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('requestTimeoutMs', () => {
  it('waits two intervals, at least 15 s and at most a minute', () => {
    expect(requestTimeoutMs(250)).toBe(15_000);
    expect(requestTimeoutMs(10_000)).toBe(20_000);
    expect(requestTimeoutMs(3_600_000)).toBe(60_000);
  });
});
