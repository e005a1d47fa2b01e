import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, RequestTimeoutError } from '../../api/client.ts';
import { combineFreshness, freshness, staleBannerText, staleReason, type RefreshState } from './staleness.ts';

const NOW = 1_800_000_000_000;
const REFRESH = 5_000;
const fresh: RefreshState<{ stale: boolean }> = {
  data: { stale: false },
  error: null,
  failureReason: null,
  dataUpdatedAt: NOW - 1_000,
  isPending: false,
};
const servedAt = (data: { stale: boolean }) => (data.stale ? NOW - 90_000 : undefined);
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

describe('staleReason', () => {
  it.each([
    [new NetworkError('Cannot reach the Promwall API (/api/v1/summary): Failed to fetch'), 'api-unreachable'],
    [new HttpError(502, 'upstream_unreachable', 'prometheus is unreachable (ECONNREFUSED)'), 'upstream-unreachable'],
    [new HttpError(504, 'upstream_timeout', 'prometheus did not answer within 10 s'), 'timing-out'],
    [new RequestTimeoutError('/api/v1/summary did not answer within 15 s'), 'timing-out'],
    [new HttpError(502, 'query_error', 'prometheus: 1:5: parse error'), 'query-error'],
    [new HttpError(429, 'too_many_requests', 'rate limit reached; slow down'), 'error'],
  ])('tells %s apart as %s', (error, reason) => {
    expect(staleReason(error)).toBe(reason);
  });
});

describe('freshness', () => {
  it('is current with a recent answer', () => {
    expect(freshness(fresh, REFRESH, NOW, servedAt)).toEqual({ stale: false, currentAt: NOW - 1_000 });
  });

  it('is stale while retries fail, keeping the time of the last values', () => {
    const failing = { ...fresh, failureReason: new NetworkError('Failed to fetch') };
    expect(freshness(failing, REFRESH, NOW)).toEqual({
      stale: true,
      reason: 'api-unreachable',
      currentAt: NOW - 1_000,
    });
  });

  it('is stale when late by more than two intervals with nothing failed yet: a request hangs', () => {
    expect(freshness({ ...fresh, dataUpdatedAt: NOW - 2 * REFRESH - 1 }, REFRESH, NOW)).toEqual({
      stale: true,
      reason: 'timing-out',
      currentAt: NOW - 2 * REFRESH - 1,
    });
    expect(freshness({ ...fresh, dataUpdatedAt: NOW - 2 * REFRESH }, REFRESH, NOW).stale).toBe(false);
  });

  it("treats the API's last-good values as stale, aged from their own time", () => {
    expect(freshness({ ...fresh, data: { stale: true } }, REFRESH, NOW, servedAt)).toEqual({
      stale: true,
      reason: 'upstream-unreachable',
      currentAt: NOW - 90_000,
    });
  });

  it('is stale without values when the first refresh fails, and not stale while it is still loading', () => {
    const first = { data: undefined, error: null, failureReason: null, dataUpdatedAt: 0, isPending: true };
    expect(freshness(first, REFRESH, NOW)).toEqual({ stale: false });
    expect(
      freshness({ ...first, failureReason: new HttpError(502, 'upstream_unreachable', 'down') }, REFRESH, NOW),
    ).toEqual({
      stale: true,
      reason: 'upstream-unreachable',
    });
  });
});

describe('combineFreshness', () => {
  it('is current since the oldest part when every part is', () => {
    expect(
      combineFreshness([
        { stale: false, currentAt: NOW - 3_000 },
        { stale: false, currentAt: NOW - 1_000 },
      ]),
    ).toEqual({
      stale: false,
      currentAt: NOW - 3_000,
    });
  });

  it('has no time while a part has not answered yet', () => {
    expect(combineFreshness([{ stale: false, currentAt: NOW }, { stale: false }])).toEqual({ stale: false });
  });

  it('is stale for the most fundamental reason, since the oldest stale values', () => {
    expect(
      combineFreshness([
        { stale: true, reason: 'query-error', currentAt: NOW - 5_000 },
        { stale: true, reason: 'upstream-unreachable', currentAt: NOW - 60_000 },
        { stale: false, currentAt: NOW - 120_000 },
      ]),
    ).toEqual({ stale: true, reason: 'upstream-unreachable', currentAt: NOW - 60_000 });
    expect(
      combineFreshness([
        { stale: true, reason: 'timing-out' },
        { stale: true, reason: 'api-unreachable' },
      ]).reason,
    ).toBe('api-unreachable');
  });
});

describe('staleBannerText', () => {
  it('says since when, how long ago and why', () => {
    expect(staleBannerText({ stale: true, reason: 'upstream-unreachable', currentAt: NOW - 125_000 }, NOW, clock)).toBe(
      `Stale since ${clock(NOW - 125_000)} (2 min ago) · Prometheus unreachable · retrying`,
    );
    expect(staleBannerText({ stale: true, reason: 'api-unreachable', currentAt: NOW - 4_000 }, NOW, clock)).toBe(
      `Stale since ${clock(NOW - 4_000)} (4 s ago) · Promwall API unreachable · retrying`,
    );
    expect(staleBannerText({ stale: true, reason: 'timing-out', currentAt: NOW - 30_000 }, NOW, clock)).toMatch(
      /· timing out · retrying$/,
    );
    expect(staleBannerText({ stale: true, reason: 'query-error', currentAt: NOW - 30_000 }, NOW, clock)).toMatch(
      /· query error · retrying$/,
    );
  });

  it('says there is no data yet when nothing ever arrived', () => {
    expect(staleBannerText({ stale: true, reason: 'api-unreachable' }, NOW, clock)).toBe(
      'No data yet · Promwall API unreachable · retrying',
    );
  });
});
