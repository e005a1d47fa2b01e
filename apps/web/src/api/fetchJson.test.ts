import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson, parseRetryAfter } from './fetchJson.ts';

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
});

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

    expect(error).toBeInstanceOf(ApiError);
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

describe('Retry-After', () => {
  it('is carried by the ApiError of a 503 or 429', async () => {
    stubFetch(() =>
      Promise.resolve(
        new Response('{"error":{"code":"overloaded","message":"busy"}}', {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '7' },
        }),
      ),
    );

    const error = (await fetchJson('/api/v1/summary').catch((err: unknown) => err)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
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
