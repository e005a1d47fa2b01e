import { parseDuration } from '@promwall/core/duration';
import type { TvConfig } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties } from 'react';
import { useLocation, useParams } from 'react-router';
import { HttpError } from '../../../api/client.ts';
import { dashboardQuery, panelQuery } from '../../../api/dashboards.ts';
import { tvConfigQuery } from '../../../api/tv.ts';
import { useNow } from '../../../hooks/useNow.ts';
import { WALL_POINTS } from '../board/WallChart.tsx';
import { WallPanel } from '../board/WallPanel.tsx';
import { RefreshMonitor } from '../refreshMonitor.ts';
import { usePerformanceCleanup, usePeriodicReload, useWatchdog } from '../selfHealing.ts';
import { combineFreshness, freshness, staleReason } from '../staleness.ts';
import { parseTvSettings, settingsNotice, type TvParam } from '../tvSettings.ts';
import { EmbedFrame } from './EmbedPage.tsx';
import { parseChartRange } from './embedPanel.ts';
import '../tv.css';
import '../panels.css';
import '../board/boardWall.css';
import './embed.css';

/** The wall's parameters that make sense for one board panel; `dashboard` lets `var-<name>` through. */
const EMBED_PARAMS: readonly TvParam[] = ['refresh', 'theme', 'reload', 'dashboard'];
const EMBED_ALERT_ROWS = 8;

interface EmbedBoardPanelProps {
  board: string;
  panel: string;
}

/** `/embed/d/{board}/{panel}`: one panel of a board, full-frame, for other pages' iframes. */
export function EmbedBoardPanel() {
  const { board = '', panel = '' } = useParams();
  const { search } = useLocation();
  const [monitor] = useState(() => new RefreshMonitor(Date.now()));
  const config = useQuery(tvConfigQuery(monitor));
  usePerformanceCleanup();
  const name = `${board}/${panel}`;
  if (!config.data) {
    const error = config.error ?? config.failureReason;
    const theme = new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark';
    return (
      <EmbedFrame
        name={name}
        theme={theme}
        fresh={error ? { stale: true, reason: staleReason(error) } : { stale: false }}
      >
        <p className="tv-connecting">Connecting to Promwall…</p>
      </EmbedFrame>
    );
  }
  return <BoardPanelEmbed board={board} panel={panel} search={search} config={config.data} monitor={monitor} />;
}

interface BoardPanelEmbedProps extends EmbedBoardPanelProps {
  search: string;
  config: TvConfig;
  monitor: RefreshMonitor;
}

function BoardPanelEmbed({ board, panel: panelId, search, config, monitor }: BoardPanelEmbedProps) {
  const { settings, notice, range } = useMemo(() => {
    const params = new URLSearchParams(search);
    const chartRange = params.has('range') ? parseChartRange(search) : undefined;
    params.delete('range');
    const parsed = parseTvSettings(params.toString(), config, EMBED_PARAMS);
    const ignored = [...parsed.ignored, ...(chartRange?.ignored ? [chartRange.ignored] : [])];
    return {
      settings: parsed.settings,
      notice: settingsNotice({ ignored, adjusted: parsed.adjusted }),
      range: chartRange?.range,
    };
  }, [search, config]);
  const polling = { refreshMs: settings.refreshMs, wall: monitor };
  const dashboard = useQuery(dashboardQuery(board, settings.variables, polling));
  const definition = dashboard.data?.definition;
  const panel = definition?.rows.flatMap((row) => row.panels).find((candidate) => candidate.id === panelId);
  const rangeMs = parseDuration(range ?? definition?.range ?? '1h')!;
  const query = useQuery({
    ...panelQuery(
      {
        board,
        version: dashboard.data?.version ?? '',
        panel: panelId,
        range: { kind: 'relative', ms: rangeMs },
        points: WALL_POINTS,
        variables: settings.variables,
      },
      polling,
    ),
    enabled: panel !== undefined,
  });
  const now = useNow();
  useWatchdog(monitor, settings.refreshMs);
  usePeriodicReload(settings.dailyReloadMs);
  const fresh = combineFreshness([
    freshness(dashboard, settings.refreshMs, now),
    ...(panel
      ? [freshness(query, settings.refreshMs, now, (data) => (data.stale ? Date.parse(data.generatedAt) : undefined))]
      : []),
  ]);
  const failure = dashboard.error ?? dashboard.failureReason;
  const missing = (dashboard.data && !panel) || (failure instanceof HttpError && failure.status === 404);
  return (
    <EmbedFrame name={`${board}/${panelId}`} theme={settings.theme} fresh={fresh} notice={notice}>
      {panel ? (
        // A stat is sized as a row of one tile, as the plain embeds' tiles are.
        <div
          className={panel.type === 'stat' ? 'tv-tiles' : 'tv-embed__board-panel'}
          style={{ '--tiles': 1 } as CSSProperties}
        >
          <WallPanel panel={panel} query={query} stale={fresh.stale} now={now} alertRows={EMBED_ALERT_ROWS} />
        </div>
      ) : missing ? (
        <div className="tv-embed__unknown" role="alert" data-testid="embed-unknown">
          <h1>
            No panel “{panelId.slice(0, 64)}” on board “{board.slice(0, 64)}”
          </h1>
        </div>
      ) : (
        <p className="tv-connecting">Loading…</p>
      )}
    </EmbedFrame>
  );
}
