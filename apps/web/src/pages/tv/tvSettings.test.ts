import { headlineKeys } from '@promwall/core/headline';
import type { TvConfig } from '@promwall/core/schemas';
import { TV_PAGES, TV_PANELS } from '@promwall/core/tv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROTATE_MS,
  encodeTvSettings,
  parseTvSettings,
  rotationMs,
  settingsNotice,
  type TvSettings,
} from './tvSettings.ts';

const config: TvConfig = {
  title: 'Promwall',
  refreshMs: 10_000,
  minRefreshMs: 5_000,
  tiles: [...headlineKeys],
  panels: ['targets', 'alerts'],
  pages: ['overview'],
  rotateMs: 0,
  dailyReloadMs: 86_400_000,
  filters: { job: null, instance: null },
  version: '0.1.0',
};

const parse = (search: string, over: Partial<TvConfig> = {}) => parseTvSettings(search, { ...config, ...over });

function roundTrip(settings: TvSettings, base = config): TvSettings {
  return parseTvSettings(`?${new URLSearchParams(encodeTvSettings(settings, base))}`, base).settings;
}

describe('parseTvSettings', () => {
  it('takes the configuration as it is when the URL says nothing', () => {
    expect(parse('')).toEqual({
      settings: {
        title: 'Promwall',
        refreshMs: 10_000,
        tiles: [...headlineKeys],
        panels: ['targets', 'alerts'],
        pages: ['overview'],
        rotateMs: 0,
        dailyReloadMs: 86_400_000,
        filters: {},
        theme: 'dark',
        displayId: undefined,
        dashboards: [],
        variables: {},
      },
      ignored: [],
      adjusted: [],
    });
  });

  it('lets every parameter override the configuration', () => {
    const { settings, ignored } = parse(
      '?tiles=cpu,rps&panels=alerts&refresh=30s&pages=overview,alerts&rotate=45s&title=NOC%20wall&job=node&instance=db:9100&theme=light&id=noc-1&reload=12h',
    );
    expect(ignored).toEqual([]);
    expect(settings).toEqual({
      title: 'NOC wall',
      refreshMs: 30_000,
      tiles: ['cpu', 'rps'],
      panels: ['alerts'],
      pages: ['overview', 'alerts'],
      rotateMs: 45_000,
      dailyReloadMs: 43_200_000,
      filters: { job: 'node', instance: 'db:9100' },
      theme: 'light',
      displayId: 'noc-1',
      dashboards: [],
      variables: {},
    });
  });

  it('turns through boards with their variables, leaving out ids that cannot be boards', () => {
    const { settings, ignored } = parse(
      '?dashboard=overview,demo-service,../etc,overview&rotate=1m&var-job=node&var-x%22=1',
    );
    expect(settings).toMatchObject({
      dashboards: ['overview', 'demo-service'],
      variables: { job: 'node' },
      rotateMs: 60_000,
    });
    expect(ignored).toEqual(['dashboard=../etc', 'var-x"=1']);
  });

  it('reads board variables only where boards are shown', () => {
    expect(parseTvSettings('?var-job=node', config, ['refresh']).ignored).toEqual(['var-job']);
  });

  it('raises a refresh below the server floor to the floor, and says so', () => {
    const { settings, adjusted, ignored } = parse('?refresh=1s');
    expect(settings.refreshMs).toBe(5_000);
    expect(adjusted).toEqual(['refresh=1s → 5s']);
    expect(ignored).toEqual([]);
  });

  it('never refreshes faster than the floor even when the configuration asks to', () => {
    expect(parse('', { refreshMs: 1_000, minRefreshMs: 2_000 }).settings.refreshMs).toBe(2_000);
  });

  it('accepts a sub-second refresh where the floor allows it', () => {
    expect(parse('?refresh=250ms', { minRefreshMs: 250 }).settings.refreshMs).toBe(250);
  });

  it('ignores unknown parameters and bad values, naming each, and keeps the configured value', () => {
    const { settings, ignored } = parse(
      '?foo=1&refresh=abc&theme=pink&tiles=nope&pages=&rotate=-5s&reload=1s&id=no%20spaces&title=',
    );
    expect(ignored).toEqual([
      'foo',
      'refresh=abc',
      'theme=pink',
      'tiles=nope',
      'pages=',
      'rotate=-5s',
      'reload=1s',
      'id=no spaces',
      'title=',
    ]);
    expect(settings).toEqual(parse('').settings);
    expect(settingsNotice(parse('?foo=1&refresh=abc'))).toBe('ignored: foo, refresh=abc');
  });

  it('keeps the good items of a list and names the bad ones', () => {
    const { settings, ignored } = parse('?tiles=cpu,bogus,rps,cpu&panels=alerts,maps');
    expect(settings.tiles).toEqual(['cpu', 'rps']);
    expect(settings.panels).toEqual(['alerts']);
    expect(ignored).toEqual(['tiles=bogus', 'panels=maps']);
  });

  it('reads panels=none as no panels and reload=off as no daily reload', () => {
    const { settings } = parse('?panels=none&reload=off');
    expect(settings.panels).toEqual([]);
    expect(settings.dailyReloadMs).toBe(0);
  });

  it('takes the first of a repeated parameter', () => {
    const { settings, ignored } = parse('?theme=light&theme=dark');
    expect(settings.theme).toBe('light');
    expect(ignored).toEqual(['theme=dark']);
  });

  it('lets an empty filter clear the configured one', () => {
    expect(parse('?job=', { filters: { job: 'node', instance: 'a:1' } }).settings.filters).toEqual({ instance: 'a:1' });
  });

  it('shortens a long ignored value in the notice', () => {
    expect(parse(`?refresh=${'9'.repeat(60)}x`).ignored).toEqual([`refresh=${'9'.repeat(24)}…`]);
  });

  it('reports parameters a view does not take', () => {
    const { ignored } = parseTvSettings('?tiles=cpu&theme=light', config, ['theme']);
    expect(ignored).toEqual(['tiles']);
  });

  it('never throws, whatever the query string', () => {
    fc.assert(
      fc.property(fc.string(), (search) => {
        const { settings } = parse(search);
        expect(settings.refreshMs).toBeGreaterThanOrEqual(config.minRefreshMs);
        expect(settings.tiles.length).toBeGreaterThan(0);
        expect(settings.pages.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('encodeTvSettings', () => {
  it('leaves out what the configuration already says', () => {
    expect(encodeTvSettings(parse('').settings, config)).toEqual({});
    expect(encodeTvSettings(parse('?tiles=cpu&theme=light').settings, config)).toEqual({
      tiles: 'cpu',
      theme: 'light',
    });
  });

  const settingsArb = fc.record<TvSettings>({
    title: fc.string({ minLength: 1, maxLength: 80 }).filter((title) => title.trim() === title && title !== ''),
    refreshMs: fc.integer({ min: config.minRefreshMs, max: 3_600_000 }),
    tiles: fc.uniqueArray(fc.constantFrom(...headlineKeys), { minLength: 1 }),
    panels: fc.uniqueArray(fc.constantFrom(...TV_PANELS)),
    pages: fc.uniqueArray(fc.constantFrom(...TV_PAGES), { minLength: 1 }),
    rotateMs: fc.integer({ min: 1_000, max: 3_600_000 }),
    dailyReloadMs: fc.oneof(fc.constant(0), fc.integer({ min: 60_000, max: 7 * 86_400_000 })),
    filters: fc.record(
      {
        job: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
        instance: fc.constantFrom('db:9100', '10.0.0.1:9090'),
      },
      { requiredKeys: [] },
    ),
    theme: fc.constantFrom('dark', 'light'),
    displayId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { nil: undefined }),
    dashboards: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { maxLength: 12 }),
    variables: fc.dictionary(
      fc.stringMatching(/^[a-z_]{1,12}$/),
      fc.string({ maxLength: 20 }).map((s) => s.trim()),
    ),
  });

  it('survives encode and parse unchanged', () => {
    fc.assert(
      fc.property(settingsArb, (settings) => {
        expect(roundTrip(settings)).toEqual(settings);
      }),
    );
  });

  it('survives encode and parse over a configuration that sets filters', () => {
    const filtered = { ...config, filters: { job: 'node', instance: null } };
    const settings = { ...parseTvSettings('', filtered).settings, filters: {} };
    expect(roundTrip(settings, filtered)).toEqual(settings);
  });
});

describe('rotationMs', () => {
  it('rotates through several pages at the given interval', () => {
    expect(rotationMs({ pages: ['overview', 'alerts'], rotateMs: 2_000 })).toBe(2_000);
  });

  it('uses 30 s when several pages come without an interval', () => {
    expect(rotationMs({ pages: ['overview', 'alerts', 'targets'], rotateMs: 0 })).toBe(DEFAULT_ROTATE_MS);
  });

  it('does not rotate a single page', () => {
    expect(rotationMs({ pages: ['alerts'], rotateMs: 2_000 })).toBe(0);
  });
});
