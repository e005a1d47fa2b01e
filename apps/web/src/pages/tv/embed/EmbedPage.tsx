import { parseDuration } from '@promwall/core/duration';
import type { TvConfig } from '@promwall/core/schemas';
import { formatAge } from '@promwall/core/units';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { tvConfigQuery } from '../../../api/tv.ts';
import { useNow } from '../../../hooks/useNow.ts';
import { clockTime } from '../../../time/clock.ts';
import { AlertsBand } from '../AlertsBand.tsx';
import { RefreshMonitor } from '../refreshMonitor.ts';
import { usePerformanceCleanup, usePeriodicReload, useWatchdog } from '../selfHealing.ts';
import { combineFreshness, staleBannerText, staleReason, type Freshness } from '../staleness.ts';
import { TargetsBoard } from '../TargetsBoard.tsx';
import { TvTile } from '../TvTile.tsx';
import { parseTvSettings, settingsNotice, type TvParam, type TvTheme } from '../tvSettings.ts';
import { useKioskScreen } from '../useKioskScreen.ts';
import { useWallData, wallFreshness, type WallNeeds } from '../useWallData.ts';
import { wallAlerts, wallTargets } from '../wallLists.ts';
import { EmbedChart } from './EmbedChart.tsx';
import { EMBED_PANEL_NAMES, parseChartRange, parseEmbedPanel, type EmbedPanel } from './embedPanel.ts';
import '../tv.css';
import '../panels.css';
import './embed.css';

/** The wall's parameters that make sense for one panel; `range` (charts) is read apart. */
const EMBED_PARAMS: readonly TvParam[] = ['refresh', 'theme', 'job', 'instance', 'reload'];
const EMBED_ALERT_ROWS = 8;
// A chart never asks for more points than the frame has pixels.
const MAX_CHART_POINTS = 600;

const themeOf = (search: string): TvTheme => (new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark');

/** One tile or chart of the wall, full-frame, for other pages' iframes (`/embed/cpu`, `/embed/rps/chart`, `/embed/alerts`). */
export function EmbedPage() {
  const { panel = '', view } = useParams();
  const { search } = useLocation();
  const parsed = parseEmbedPanel(panel, view);
  const name = view === undefined ? panel : `${panel}/${view}`;
  if (!parsed) return <UnknownPanel name={name} theme={themeOf(search)} />;
  if ('movedTo' in parsed) return <Navigate to={`${parsed.movedTo}${search}`} replace />;
  return <KnownEmbed name={name} panel={parsed} search={search} />;
}

export interface EmbedFrameProps {
  name: string;
  theme: TvTheme;
  /** The panel's data, for the status line; none for a panel that does not exist. */
  fresh?: Freshness;
  notice?: string | undefined;
  children: ReactNode;
}

/** A frame for one panel: the panel, and a line saying how fresh it is. */
export function EmbedFrame({ name, theme, fresh, notice, children }: EmbedFrameProps) {
  useKioskScreen(theme, { hideCursor: false });
  const now = useNow();
  return (
    <div
      className="tv tv--embed"
      data-theme={theme}
      data-testid="embed"
      data-panel={name}
      data-stale={fresh?.stale ?? false}
    >
      <div className="tv-embed__panel">{children}</div>
      {fresh && (
        <p
          className={fresh.stale ? 'tv-embed__status tv-banner' : 'tv-embed__status'}
          data-testid={fresh.stale ? 'tv-stale-banner' : 'tv-updated'}
        >
          {fresh.stale
            ? staleBannerText(fresh, now, clockTime)
            : fresh.currentAt === undefined
              ? 'Waiting for data…'
              : `updated ${formatAge(now - fresh.currentAt)}`}
          {notice && <span className="tv-notice"> · {notice}</span>}
        </p>
      )}
    </div>
  );
}

function UnknownPanel({ name, theme }: { name: string; theme: TvTheme }) {
  return (
    <EmbedFrame name={name} theme={theme}>
      <div className="tv-embed__unknown" role="alert" data-testid="embed-unknown">
        <h1>No panel named “{name.slice(0, 64)}”</h1>
        <p>Embed one of: {EMBED_PANEL_NAMES.join(', ')}.</p>
      </div>
    </EmbedFrame>
  );
}

function KnownEmbed({ name, panel, search }: { name: string; panel: EmbedPanel; search: string }) {
  const [monitor] = useState(() => new RefreshMonitor(Date.now()));
  const config = useQuery(tvConfigQuery(monitor));
  usePerformanceCleanup();
  if (!config.data) {
    const error = config.error ?? config.failureReason;
    return (
      <EmbedFrame
        name={name}
        theme={themeOf(search)}
        fresh={error ? { stale: true, reason: staleReason(error) } : { stale: false }}
      >
        <p className="tv-connecting">Connecting to Promwall…</p>
      </EmbedFrame>
    );
  }
  return <Embed name={name} panel={panel} search={search} config={config.data} monitor={monitor} />;
}

interface EmbedProps {
  name: string;
  panel: EmbedPanel;
  search: string;
  config: TvConfig;
  monitor: RefreshMonitor;
}

function Embed({ name, panel, search, config, monitor }: EmbedProps) {
  const { settings, notice, range } = useMemo(() => {
    const params = new URLSearchParams(search);
    const chartRange = panel.kind === 'chart' ? parseChartRange(search) : undefined;
    if (chartRange) params.delete('range');
    const parsed = parseTvSettings(params.toString(), config, EMBED_PARAMS);
    const ignored = [...parsed.ignored, ...(chartRange?.ignored ? [chartRange.ignored] : [])];
    return {
      settings: parsed.settings,
      notice: settingsNotice({ ignored, adjusted: parsed.adjusted }),
      range: chartRange?.range,
    };
  }, [search, config, panel]);
  const needs = useMemo<WallNeeds>(
    () => ({
      summary: panel.kind === 'tile' || panel.kind === 'chart',
      series: panel.kind === 'tile' || panel.kind === 'chart' ? [panel.metric] : [],
      targets: panel.kind === 'targets',
      alerts: panel.kind === 'alerts',
      ...(range
        ? {
            rangeMs: parseDuration(range),
            points: Math.min(MAX_CHART_POINTS, Math.max(60, Math.round(window.innerWidth))),
          }
        : {}),
    }),
    [panel, range],
  );
  const data = useWallData(needs, settings, monitor);
  const now = useNow();
  const fresh = wallFreshness(data, settings.refreshMs, now);
  useWatchdog(monitor, settings.refreshMs);
  usePeriodicReload(settings.dailyReloadMs);

  let body: ReactNode;
  let shown: Freshness;
  if (panel.kind === 'alerts') {
    shown = fresh.alerts;
    body = (
      <AlertsBand
        alerts={data.alerts.data && wallAlerts(data.alerts.data.alerts, settings.filters)}
        now={now}
        stale={shown.stale}
        rows={EMBED_ALERT_ROWS}
        board
      />
    );
  } else if (panel.kind === 'targets') {
    shown = fresh.targets;
    body = (
      <TargetsBoard
        targets={data.targets.data && wallTargets(data.targets.data.targets, settings.filters)}
        stale={shown.stale}
      />
    );
  } else {
    shown = combineFreshness([fresh.summary, ...fresh.series]);
    const value = data.summary.data?.metrics[panel.metric];
    const series = data.series[0]?.data;
    body =
      panel.kind === 'tile' ? (
        <div className="tv-tiles" style={{ '--tiles': 1 } as CSSProperties}>
          <TvTile metric={panel.metric} value={value} series={series} stale={shown.stale} />
        </div>
      ) : (
        <EmbedChart metric={panel.metric} value={value} series={series} range={range ?? ''} stale={shown.stale} />
      );
  }
  return (
    <EmbedFrame name={name} theme={settings.theme} fresh={shown} notice={notice}>
      {body}
    </EmbedFrame>
  );
}
