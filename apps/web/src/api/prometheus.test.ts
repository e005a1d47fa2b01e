// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError, NetworkError } from './client.ts';
import { PrometheusError, fetchPrometheus, parseSampleValue, readPrometheusAnswer } from './prometheus.ts';

const PATH = '/api/prom/api/v1/query';

describe('readPrometheusAnswer', () => {
  it("returns the data with Prometheus's warnings and infos", () => {
    const body = { status: 'success', data: { resultType: 'scalar', result: [1, '2'] }, warnings: ['w'], infos: ['i'] };

    expect(readPrometheusAnswer(PATH, 200, body)).toEqual({ data: body.data, warnings: ['w'], infos: ['i'] });
  });

  it("throws Prometheus's own error message as it is, with its type and status", () => {
    const body = { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected <EOF>' };

    const error = (() => {
      try {
        return readPrometheusAnswer(PATH, 400, body);
      } catch (err) {
        return err;
      }
    })();

    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      message: '1:5: parse error: unexpected <EOF>',
      error: '1:5: parse error: unexpected <EOF>',
      errorType: 'bad_data',
      status: 400,
    });
  });

  it('reads an execution error that comes with a 422', () => {
    const body = { status: 'error', errorType: 'execution', error: 'found duplicate series for the match group' };

    expect(() => readPrometheusAnswer(PATH, 422, body)).toThrow(
      expect.objectContaining({
        errorType: 'execution',
        status: 422,
        message: 'found duplicate series for the match group',
      }),
    );
  });

  it('names the status when a Prometheus error carries no message', () => {
    expect(() => readPrometheusAnswer(PATH, 503, { status: 'error' })).toThrow(
      expect.objectContaining({ message: `${PATH} answered HTTP 503`, errorType: 'unknown' }),
    );
  });

  it("throws Promwall's own errors as an HttpError, not a PrometheusError", () => {
    const body = { status: 'error', errorType: 'timeout', error: 'prometheus did not answer within 30000 ms' };

    let error: unknown;
    try {
      readPrometheusAnswer(PATH, 504, body);
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({
      code: 'upstream_timeout',
      status: 504,
      message: 'prometheus did not answer within 30000 ms',
    });
  });

  it('throws on a failed status whatever the body', () => {
    expect(() => readPrometheusAnswer(PATH, 500, { unexpected: true })).toThrow(`${PATH} answered HTTP 500`);
    expect(() => readPrometheusAnswer(PATH, 502, [])).toThrow(`${PATH} answered HTTP 502`);
  });

  it('throws on a successful status with a body that is no Prometheus answer', () => {
    expect(() => readPrometheusAnswer(PATH, 200, { hello: 'world' })).toThrow('not a Prometheus API response');
  });
});

describe('fetchPrometheus', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('POSTs the parameters as a form to the pass-through', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('{"status":"success","data":[]}')));
    vi.stubGlobal('fetch', fetchMock);

    await fetchPrometheus('labels', new URLSearchParams({ 'match[]': 'up' }));

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/prom/api/v1/labels');
    expect(init.method).toBe('POST');
    expect(String(init.body)).toBe('match%5B%5D=up');
  });

  it('turns a network failure into a NetworkError', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    await expect(fetchPrometheus('query', new URLSearchParams())).rejects.toBeInstanceOf(NetworkError);
  });

  it('turns a body that is not JSON into an error with the status', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502 })));

    await expect(fetchPrometheus('query', new URLSearchParams())).rejects.toThrow(
      `Unexpected answer from ${PATH}: HTTP 502, not JSON`,
    );
  });

  it('rethrows an abort untouched', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', () => Promise.reject(abort));

    await expect(fetchPrometheus('query', new URLSearchParams())).rejects.toBe(abort);
  });
});

describe('parseSampleValue', () => {
  it.each([
    ['1.5', 1.5],
    ['-2e-3', -0.002],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
  ])('reads %s', (text, value) => {
    expect(parseSampleValue(text)).toBe(value);
  });

  it('reads NaN', () => {
    expect(parseSampleValue('NaN')).toBeNaN();
  });
});
