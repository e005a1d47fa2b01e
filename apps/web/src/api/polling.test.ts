import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError, NetworkError } from './client.ts';
import { fetchPolled, pollingOptions, requestTimeoutMs, type RefreshTracker } from './polling.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function tracker(): RefreshTracker & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    begin: (resource) => calls.push(`begin ${resource}`),
    answered: (resource) => calls.push(`answered ${resource}`),
  };
}

describe('requestTimeoutMs', () => {
  it('waits two intervals, at least 15 s and at most a minute', () => {
    expect(requestTimeoutMs(250)).toBe(15_000);
    expect(requestTimeoutMs(10_000)).toBe(20_000);
    expect(requestTimeoutMs(3_600_000)).toBe(60_000);
  });
});

describe('pollingOptions', () => {
  it('polls a page at its interval, or not at all when off, with the client defaults', () => {
    expect(pollingOptions({ refreshMs: 30_000 })).toEqual({ refetchInterval: 30_000 });
    expect(pollingOptions({ refreshMs: 0 })).toEqual({ refetchInterval: false });
  });

  it('has a wall retry without end, in the background and offline', () => {
    const options = pollingOptions({ refreshMs: 10_000, wall: tracker() });
    expect(options).toMatchObject({
      refetchInterval: 10_000,
      refetchIntervalInBackground: true,
      refetchOnWindowFocus: false,
      networkMode: 'always',
      retry: true,
    });
    expect('retryDelay' in options && options.retryDelay(10, new Error('down'))).toBeLessThanOrEqual(30_000);
  });

  it('has a wall wait at least as long as Retry-After asks', () => {
    const options = pollingOptions({ refreshMs: 10_000, wall: tracker() });
    const shed = new HttpError(503, 'overloaded', 'too many requests at once', 45_000);

    for (let run = 0; run < 20; run++) {
      expect('retryDelay' in options && options.retryDelay(0, shed)).toBeGreaterThanOrEqual(45_000);
    }
  });
});

describe('fetchPolled', () => {
  const signal = new AbortController().signal;

  it("records a wall's refresh as answered when the API answers, with data or an error of its own", async () => {
    const wall = tracker();
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"ok":true}')));
    await fetchPolled({ refreshMs: 10_000, wall }, 'summary', '/api/v1/summary', signal);
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response('{"error":{"code":"upstream_unreachable","message":"down"}}', { status: 502 })),
    );
    await expect(fetchPolled({ refreshMs: 10_000, wall }, 'targets', '/api/v1/targets', signal)).rejects.toBeInstanceOf(
      HttpError,
    );

    expect(wall.calls).toEqual(['begin summary', 'answered summary', 'begin targets', 'answered targets']);
  });

  it('does not count an unreachable API as an answer', async () => {
    const wall = tracker();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    await expect(fetchPolled({ refreshMs: 10_000, wall }, 'alerts', '/api/v1/alerts', signal)).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(wall.calls).toEqual(['begin alerts']);
  });

  it("gives a wall's request up after its timeout, and a page's never", async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(new Response('{}')));
    vi.stubGlobal('fetch', fetchMock);
    const setTimer = vi.spyOn(globalThis, 'setTimeout');

    await fetchPolled({ refreshMs: 10_000 }, 'summary', '/api/v1/summary', signal);
    expect(setTimer).not.toHaveBeenCalled();
    await fetchPolled({ refreshMs: 10_000, wall: tracker() }, 'summary', '/api/v1/summary', signal);
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), 20_000);
    setTimer.mockRestore();
  });
});
