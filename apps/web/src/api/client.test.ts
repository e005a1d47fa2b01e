import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  classifyFailure,
  fetchAnswer,
  fetchJson,
  HttpError,
  NetworkError,
  parseRetryAfter,
  RequestTimeoutError,
  search,
} from './client.ts';

function stubFetch(implementation: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(implementation);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function answer(body: string, status = 200, contentType = 'application/json') {
  return () => Promise.resolve(new Response(body, { status, headers: { 'Content-Type': contentType } }));
}

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

describe('fetchJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    stubFetch(answer('{"status":"ok","version":"1.2.3"}'));

    await expect(fetchJson('/healthz')).resolves.toEqual({ status: 'ok', version: '1.2.3' });
  });

  it('asks for JSON', async () => {
    const fetchMock = stubFetch(answer('{}'));

    await fetchJson('/healthz');

    const init = fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it('turns a network failure into an error naming the path and the cause', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    const error = await fetchJson('/healthz').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Cannot reach the Promwall API (/healthz): Failed to fetch');
  });

  it('turns a body that is not JSON into an error with the status', async () => {
    stubFetch(answer('<html><body>Bad Gateway</body></html>', 502, 'text/html'));

    await expect(fetchJson('/healthz')).rejects.toThrow('Unexpected answer from /healthz: HTTP 502, not JSON');
  });

  it("throws the API's own error message, status and code", async () => {
    stubFetch(answer('{"error":{"code":"not_found","message":"No route for GET /api/nope"}}', 404));

    const error = await fetchJson('/api/nope').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ message: 'No route for GET /api/nope', status: 404, code: 'not_found' });
  });

  it('throws on a failed status even when the JSON body is not an error body', async () => {
    stubFetch(answer('{"unexpected":true}', 500));

    await expect(fetchJson('/healthz')).rejects.toMatchObject({
      message: '/healthz answered HTTP 500',
      status: 500,
    });
  });

  it('rethrows an abort untouched so that cancelled queries are not reported as failures', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    stubFetch(() => Promise.reject(abort));

    await expect(fetchJson('/healthz')).rejects.toBe(abort);
  });
});

describe('fetchJson within a timeout', () => {
  it('gives up after the timeout with an error that says so', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    const request = fetchJson('/api/v1/summary', { timeoutMs: 15_000 });
    const settled = expect(request).rejects.toThrow(
      new RequestTimeoutError('/api/v1/summary did not answer within 15 s'),
    );
    await vi.advanceTimersByTimeAsync(15_000);
    await settled;
  });

  it("passes the caller's abort through untouched", async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const caller = new AbortController();
    const request = fetchJson('/api/v1/summary', { timeoutMs: 15_000, signal: caller.signal });
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
    await expect(fetchJson('/x', { timeoutMs: 1_000, signal: caller.signal })).resolves.toEqual({ ok: true });
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('fetchAnswer', () => {
  it('reads an answer without a body', async () => {
    stubFetch(() => Promise.resolve(new Response(null, { status: 204 })));

    await expect(fetchAnswer('/api/v1/displays/heartbeat', { method: 'POST' })).resolves.toEqual({
      status: 204,
      ok: true,
      body: undefined,
    });
  });
});

describe('Retry-After', () => {
  it('is carried by the HttpError of a 503 or 429', async () => {
    stubFetch(() =>
      Promise.resolve(
        new Response('{"error":{"code":"overloaded","message":"busy"}}', {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '7' },
        }),
      ),
    );

    const error = (await fetchJson('/api/v1/summary').catch((err: unknown) => err)) as HttpError;

    expect(error).toBeInstanceOf(HttpError);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Wed, 01 Jan 2031 00:00:30 GMT', 30_000],
    ['Wed, 01 Jan 2031 00:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('reads %s as %s ms', (header, ms) => {
    expect(parseRetryAfter(header, Date.parse('2031-01-01T00:00:00Z'))).toBe(ms);
  });
});

describe('classifyFailure', () => {
  it.each([
    [new NetworkError('Cannot reach the Promwall API (/x): Failed to fetch'), 'api-unreachable'],
    [new HttpError(502, 'upstream_unreachable', 'prometheus is unreachable'), 'upstream-unreachable'],
    [new HttpError(504, 'upstream_timeout', 'prometheus did not answer'), 'upstream-unreachable'],
    [new HttpError(503, 'not_ready', 'prometheus is unreachable'), 'upstream-unreachable'],
    [new HttpError(502, 'query_error', '1:5: parse error'), 'query-error'],
    [new HttpError(400, 'bad_request', 'range'), 'error'],
    [new RequestTimeoutError('/x did not answer within 15 s'), 'error'],
  ])('files %s as %s', (error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });
});

describe('search', () => {
  it('leaves out undefined and empty parameters', () => {
    expect(search({ job: 'node', instance: undefined, q: '', points: 60 })).toBe('?job=node&points=60');
    expect(search({ job: undefined })).toBe('');
  });
});
