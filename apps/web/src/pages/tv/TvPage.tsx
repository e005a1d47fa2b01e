import type { TvConfig } from '@promwall/core/schemas';
import type { TvPageName } from '@promwall/core/tv';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useLocation } from 'react-router';
import { tvConfigQuery } from '../../api/tv.ts';
import { useNow } from '../../hooks/useNow.ts';
import { AlertsBand } from './AlertsBand.tsx';
import { resolveDisplayId } from './displayId.ts';
import { RefreshMonitor } from './refreshMonitor.ts';
import {
  useHeartbeat,
  usePerformanceCleanup,
  usePeriodicReload,
  useReloadOnNewVersion,
  useWatchdog,
} from './selfHealing.ts';
import { combineFreshness, staleReason, type Freshness } from './staleness.ts';
import { TargetsBoard } from './TargetsBoard.tsx';
import { TargetsStrip } from './TargetsStrip.tsx';
import { TvTile } from './TvTile.tsx';
import { parseTvSettings, rotationMs, settingsNotice, type TvSettings } from './tvSettings.ts';
import { useKioskScreen } from './useKioskScreen.ts';
import { useRotation } from './useRotation.ts';
import { useWallData, wallFreshness, type WallData, type WallFreshness, type WallNeeds } from './useWallData.ts';
import { WallFooter, WallFrame } from './WallFrame.tsx';
import { wallAlerts, wallTargets } from './wallLists.ts';
import './tv.css';
import './panels.css';

// Boards on the wall load only when a URL asks for one: the plain wall stays as small as it was.
const BoardWall = lazy(() => import('./board/BoardWall.tsx').then((m) => ({ default: m.BoardWall })));

declare global {
  interface Window {
    /** The wall's query-cache size, for the soak test: it must stay constant for weeks. */
    __promwallQueryCacheSize?: () => number;
  }
}

/** Alert rows under the tiles, and on the full-screen alerts page. */
const BAND_ROWS = 3;
/** Tiles side by side on a portrait screen. */
const PORTRAIT_COLUMNS = 2;
const BOARD_ROWS = 10;

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function useQueryCacheSizeProbe(): void {
  const client = useQueryClient();
  useEffect(() => {
    window.__promwallQueryCacheSize = () => client.getQueryCache().getAll().length;
    return () => {
      delete window.__promwallQueryCacheSize;
    };
  }, [client]);
}

/**
 * The TV wall: opened once, never touched again. No navigation, no controls, nothing that needs
 * a pointer; settings come from Promwall's configuration and the URL (see tvSettings).
 */
export function TvPage() {
  const [monitor] = useState(() => new RefreshMonitor(Date.now()));
  const config = useQuery(tvConfigQuery(monitor));
  const { search } = useLocation();
  useQueryCacheSizeProbe();
  usePerformanceCleanup();
  if (!config.data) return <WallConnecting search={search} error={config.error ?? config.failureReason} />;
  if (new URLSearchParams(search).has('dashboard')) {
    return (
      <Suspense fallback={<WallConnecting search={search} error={null} />}>
        <BoardWall config={config.data} search={search} monitor={monitor} />
      </Suspense>
    );
  }
  return <Wall config={config.data} search={search} monitor={monitor} />;
}

/** Before the configuration arrives: the clock, and why nothing else shows yet. */
function WallConnecting({ search, error }: { search: string; error: Error | null }) {
  const theme = new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark';
  useKioskScreen(theme, { hideCursor: true });
  const now = useNow();
  const fresh: Freshness = error ? { stale: true, reason: staleReason(error) } : { stale: false };
  return (
    <WallFrame theme={theme} page="connecting" title="Promwall" now={now} fresh={fresh} footer={null}>
      <p className="tv-connecting">Connecting to Promwall…</p>
    </WallFrame>
  );
}

function wallNeeds(settings: TvSettings): WallNeeds {
  const overview = settings.pages.includes('overview');
  return {
    summary: overview,
    series: overview ? settings.tiles : [],
    targets: settings.pages.includes('targets') || (overview && settings.panels.includes('targets')),
    alerts: settings.pages.includes('alerts') || (overview && settings.panels.includes('alerts')),
  };
}

/** The parts of the data a page shows, for its status line. */
function pageFreshness(page: TvPageName, settings: TvSettings, fresh: WallFreshness): Freshness {
  if (page === 'alerts') return fresh.alerts;
  if (page === 'targets') return fresh.targets;
  return combineFreshness([
    fresh.summary,
    ...fresh.series,
    ...(settings.panels.includes('targets') ? [fresh.targets] : []),
    ...(settings.panels.includes('alerts') ? [fresh.alerts] : []),
  ]);
}

function filtersText({ job, instance }: TvSettings['filters']): string | undefined {
  const parts = [job !== undefined ? `job=${job}` : '', instance !== undefined ? `instance=${instance}` : ''].filter(
    Boolean,
  );
  return parts.length ? parts.join(' · ') : undefined;
}

interface WallProps {
  config: TvConfig;
  search: string;
  monitor: RefreshMonitor;
}

function Wall({ config, search, monitor }: WallProps) {
  const parsed = useMemo(() => parseTvSettings(search, config), [search, config]);
  const { settings } = parsed;
  const displayId = useMemo(
    () => resolveDisplayId(settings.displayId, localStorageOrUndefined()),
    [settings.displayId],
  );
  const pageIndex = useRotation(settings.pages.length, rotationMs(settings));
  const page = settings.pages[pageIndex] ?? 'overview';
  const needs = useMemo(() => wallNeeds(settings), [settings]);
  const data = useWallData(needs, settings, monitor);
  const now = useNow();
  const fresh = wallFreshness(data, settings.refreshMs, now);
  const whole = combineFreshness([
    ...(needs.summary ? [fresh.summary] : []),
    ...fresh.series,
    ...(needs.targets ? [fresh.targets] : []),
    ...(needs.alerts ? [fresh.alerts] : []),
  ]);

  useKioskScreen(settings.theme, { hideCursor: true });
  useWatchdog(monitor, settings.refreshMs);
  usePeriodicReload(settings.dailyReloadMs);
  useReloadOnNewVersion(config.version);
  useHeartbeat(displayId, settings.refreshMs, whole.currentAt);
  useEffect(() => {
    document.title = `${settings.title} · TV`;
  }, [settings.title]);

  const footer = (
    <WallFooter
      notice={settingsNotice(parsed)}
      pages={settings.pages.map((name) => ({ key: name, name }))}
      current={pageIndex}
      displayId={displayId}
    />
  );

  return (
    <WallFrame
      theme={settings.theme}
      page={page}
      title={settings.title}
      subtitle={filtersText(settings.filters)}
      now={now}
      fresh={pageFreshness(page, settings, fresh)}
      footer={footer}
    >
      <WallPage page={page} settings={settings} data={data} fresh={fresh} now={now} />
    </WallFrame>
  );
}

interface WallPageProps {
  page: TvPageName;
  settings: TvSettings;
  data: WallData;
  fresh: WallFreshness;
  now: number;
}

function WallPage({ page, settings, data, fresh, now }: WallPageProps) {
  const targets = useMemo(
    () => data.targets.data && wallTargets(data.targets.data.targets, settings.filters),
    [data.targets.data, settings.filters],
  );
  const alerts = useMemo(
    () => data.alerts.data && wallAlerts(data.alerts.data.alerts, settings.filters),
    [data.alerts.data, settings.filters],
  );

  if (page === 'alerts')
    return <AlertsBand alerts={alerts} now={now} stale={fresh.alerts.stale} rows={BOARD_ROWS} board />;
  if (page === 'targets') return <TargetsBoard targets={targets} stale={fresh.targets.stale} />;
  const tiles = {
    '--tiles': settings.tiles.length,
    '--portrait-columns': Math.min(settings.tiles.length, PORTRAIT_COLUMNS),
  } as CSSProperties;
  return (
    <div className="tv-overview">
      <div className="tv-tiles tv-panel" style={tiles} data-stale={fresh.summary.stale}>
        {settings.tiles.map((metric, i) => (
          <TvTile
            key={metric}
            metric={metric}
            value={data.summary.data?.metrics[metric]}
            series={data.series[i]?.data}
            stale={fresh.summary.stale || (fresh.series[i]?.stale ?? false)}
          />
        ))}
      </div>
      {settings.panels.includes('targets') && <TargetsStrip targets={targets} stale={fresh.targets.stale} />}
      {settings.panels.includes('alerts') && (
        <AlertsBand alerts={alerts} now={now} stale={fresh.alerts.stale} rows={BAND_ROWS} />
      )}
    </div>
  );
}
