import type { Dashboard, Panel, PanelData } from '@promwall/core/dashboardSchemas';
import type { TvConfig } from '@promwall/core/schemas';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { rowLayout } from '../../../components/boards/rowLayout.ts';
import { useNow } from '../../../hooks/useNow.ts';
import { resolveDisplayId } from '../displayId.ts';
import type { RefreshMonitor } from '../refreshMonitor.ts';
import { useHeartbeat, usePeriodicReload, useReloadOnNewVersion, useWatchdog } from '../selfHealing.ts';
import { combineFreshness, freshness, type Freshness } from '../staleness.ts';
import { parseTvSettings, rotationMs, settingsNotice } from '../tvSettings.ts';
import { useKioskScreen } from '../useKioskScreen.ts';
import { useRotation } from '../useRotation.ts';
import { WallFooter, WallFrame } from '../WallFrame.tsx';
import { parseDuration } from '@promwall/core/duration';
import { dashboardQuery, panelQuery } from '../../../api/dashboards.ts';
import { WALL_POINTS } from './WallChart.tsx';
import { WallPanel } from './WallPanel.tsx';
import './boardWall.css';

const DEFAULT_BOARD_RANGE = '1h';

/** The API's own word that a panel's values are its last good ones: their time. */
const servedAt = (data: PanelData) => (data.stale ? Date.parse(data.generatedAt) : undefined);

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface BoardWallProps {
  config: TvConfig;
  search: string;
  monitor: RefreshMonitor;
}

/**
 * `/tv?dashboard=a,b`: boards from the dashboards folder in the wall's kiosk layout, turning
 * every `rotate=`. Every board's panels are fetched all the time, not only the one shown: the set
 * of queries stays the same for as long as the boards do, so the cache does not grow for weeks.
 */
export function BoardWall({ config, search, monitor }: BoardWallProps) {
  const parsed = useMemo(() => parseTvSettings(search, config), [search, config]);
  const { settings } = parsed;
  const displayId = useMemo(
    () => resolveDisplayId(settings.displayId, localStorageOrUndefined()),
    [settings.displayId],
  );
  const polling = { refreshMs: settings.refreshMs, wall: monitor };
  const boards = useQueries({
    queries: settings.dashboards.map((id) => dashboardQuery(id, settings.variables, polling)),
  });
  const panels = useMemo(
    () =>
      boards.flatMap((board, index) => {
        const data = board.data;
        const definition = data?.definition;
        if (!data || !definition) return [];
        const range = definition.range ?? DEFAULT_BOARD_RANGE;
        return definition.rows.flatMap((row) => row.panels.map((panel) => ({ board: index, panel, data, range })));
      }),
    [boards],
  );
  const panelQueries = useQueries({
    queries: panels.map(({ data, panel, range }) =>
      panelQuery(
        {
          board: data.id,
          version: data.version,
          panel: panel.id,
          range: { kind: 'relative', ms: parseDuration(range)! },
          points: WALL_POINTS,
          variables: settings.variables,
        },
        polling,
      ),
    ),
  });
  const index = useRotation(
    settings.dashboards.length,
    rotationMs({ pages: settings.dashboards, rotateMs: settings.rotateMs }),
  );
  const now = useNow();
  const shown = boards[index];
  const shownPanels = new Map<string, UseQueryResult<PanelData>>();
  panels.forEach((entry, i) => {
    if (entry.board === index) shownPanels.set(entry.panel.id, panelQueries[i]!);
  });
  const panelFreshness = (id: string): Freshness => {
    const query = shownPanels.get(id);
    return query ? freshness(query, settings.refreshMs, now, servedAt) : { stale: false };
  };
  const fresh = combineFreshness([
    ...(shown ? [freshness(shown, settings.refreshMs, now)] : []),
    ...[...shownPanels.keys()].map(panelFreshness),
  ]);
  const whole = combineFreshness([
    ...boards.map((board) => freshness(board, settings.refreshMs, now)),
    ...panelQueries.map((query) => freshness(query, settings.refreshMs, now, servedAt)),
  ]);

  useKioskScreen(settings.theme, { hideCursor: true });
  useWatchdog(monitor, settings.refreshMs);
  usePeriodicReload(settings.dailyReloadMs);
  useReloadOnNewVersion(config.version);
  useHeartbeat(displayId, settings.refreshMs, whole.currentAt);
  const title = shown?.data?.title ?? settings.dashboards[index] ?? settings.title;
  useEffect(() => {
    document.title = `${title} · TV`;
  }, [title]);

  const footer = (
    <WallFooter
      notice={settingsNotice(parsed)}
      pages={settings.dashboards.map((id, i) => ({ key: id, name: boards[i]?.data?.title ?? id }))}
      current={index}
      displayId={displayId}
    />
  );

  const variables = Object.entries(settings.variables)
    .map(([name, value]) => `${name}=${value === '' ? 'all' : value}`)
    .join(' · ');
  return (
    <WallFrame
      theme={settings.theme}
      page={`dashboard:${settings.dashboards[index] ?? ''}`}
      title={title}
      subtitle={variables || undefined}
      now={now}
      fresh={fresh}
      footer={footer}
    >
      {shown?.data ? (
        <WallBoard board={shown.data} panel={(panel) => shownPanels.get(panel.id)} fresh={panelFreshness} now={now} />
      ) : (
        <p className="tv-connecting">
          {shown?.error || shown?.failureReason ? `No board “${settings.dashboards[index]}”` : 'Loading board…'}
        </p>
      )}
    </WallFrame>
  );
}

interface WallBoardProps {
  board: Dashboard;
  panel: (panel: Panel) => UseQueryResult<PanelData> | undefined;
  fresh: (id: string) => Freshness;
  now: number;
}

/** Rows share the screen: tiles a little more than charts and tables, a strip or band its own height. */
function rowHeight(panels: readonly Panel[]): string {
  if (panels.some((panel) => panel.type === 'timeseries' || panel.type === 'table')) return 'minmax(0, 1fr)';
  return panels.some((panel) => panel.type === 'stat') ? 'minmax(0, 1.3fr)' : 'auto';
}

function WallBoard({ board, panel: queryOf, fresh, now }: WallBoardProps) {
  const definition = board.definition!;
  return (
    <div
      className="tv-board-wall"
      data-testid="tv-board"
      data-board={board.id}
      style={{ gridTemplateRows: definition.rows.map((row) => rowHeight(row.panels)).join(' ') }}
    >
      {board.error && (
        <p className="tv-notice tv-board-wall__error" data-testid="tv-board-error">
          {board.file} is broken; the last good version is shown
        </p>
      )}
      {definition.rows.map((row, index) => {
        const { columns, spans } = rowLayout(row.panels);
        const tiles = row.panels.every((panel) => panel.type === 'stat');
        return (
          <div
            key={index}
            className={tiles ? 'tv-board-wall__row tv-tiles' : 'tv-board-wall__row'}
            style={{
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              ['--tiles' as string]: row.panels.length,
            }}
          >
            {row.panels.map((panel, i) => (
              <div key={panel.id} className="tv-board-wall__cell" style={{ gridColumn: `span ${spans[i]}` }}>
                <WallPanel panel={panel} query={queryOf(panel)} stale={fresh(panel.id).stale} now={now} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
