import type { Dashboard } from '@promwall/core/dashboardSchemas';
import { formatDuration, parseDuration } from '@promwall/core/duration';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { dashboardQuery } from '../../api/dashboards.ts';
import { PanelState } from '../../components/PanelState.tsx';
import { browserTimeZone, TimeControls } from '../../components/TimeControls.tsx';
import { decodeTimeState, encodeTimeState, type TimeState } from '../../url/timeRange.ts';
import { BoardGrid } from './BoardGrid.tsx';
import { DashboardPanel } from './DashboardPanel.tsx';
import { chartZone, decodeBoardState, encodeBoardState, type BoardState } from './dashboardUrl.ts';
import { VariablePickers } from './VariablePickers.tsx';
import './dashboard.css';

/** The board's own range and refresh, when its file sets them and the URL does not. */
function boardTimeState(search: string, dashboard: Dashboard | undefined): TimeState {
  const params = new URLSearchParams(search);
  const state = decodeTimeState(search);
  const definition = dashboard?.definition;
  const range = definition?.range && parseDuration(definition.range);
  const refresh = definition?.refresh && parseDuration(definition.refresh);
  return {
    range: range && !params.has('range') && !params.has('from') ? { kind: 'relative', ms: range } : state.range,
    refreshMs: refresh && !params.has('refresh') ? refresh : state.refreshMs,
  };
}

/**
 * Sets or (with undefined) removes query parameters and keeps the others. Each change is a
 * history entry, so Back undoes a zoom or a variable; the scroll position stays.
 */
function useUpdateSearch(): (changes: Record<string, string | undefined>) => void {
  const [params, setParams] = useSearchParams();
  return useCallback(
    (changes) => {
      const next = new URLSearchParams(params);
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(name);
        else next.set(name, value);
      }
      if (next.toString() !== params.toString()) setParams(next, { preventScrollReset: true });
    },
    [params, setParams],
  );
}

/** `/d/{id}`: a team's own board, its variables, range and zone in the URL. */
export function DashboardPage() {
  const id = useParams().id ?? '';
  const [params] = useSearchParams();
  const search = params.toString();
  const updateSearch = useUpdateSearch();
  const boardState = useMemo(() => decodeBoardState(search), [search]);
  const timeState = useMemo(() => decodeTimeState(search), [search]);
  const board = useQuery(dashboardQuery(id, boardState.variables, { refreshMs: timeState.refreshMs }));
  const { range, refreshMs } = boardTimeState(search, board.data);
  const setBoardState = (next: BoardState) => updateSearch(encodeBoardState(next, boardState));
  // Spelled out even when it is the app's default: the board's own range would win otherwise.
  const setTimeState = (next: TimeState) =>
    updateSearch({
      ...encodeTimeState(next),
      ...(next.range.kind === 'relative' ? { range: formatDuration(next.range.ms) } : {}),
      refresh: next.refreshMs === 0 ? 'off' : formatDuration(next.refreshMs),
    });

  useEffect(() => {
    document.title = `${board.data?.title ?? id} · Promwall`;
  }, [board.data?.title, id]);

  useEffect(() => {
    if (!boardState.panel) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') updateSearch({ panel: undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [boardState.panel, updateSearch]);

  const selectVariable = (name: string, value: string) => {
    const declared = board.data?.definition?.variables.find((variable) => variable.name === name);
    const variables = { ...boardState.variables, [name]: value };
    // "All" on a variable without a default is the default: the URL need not say it.
    if (value === '' && declared?.default === undefined) delete variables[name];
    setBoardState({ ...boardState, variables });
  };

  return (
    <div className="board">
      <header className="board__header">
        <div className="board__heading">
          <h1 className="page-header__title">{board.data?.title ?? id}</h1>
          {board.data?.definition?.description && (
            <p className="board__description">{board.data.definition.description}</p>
          )}
        </div>
        <div className="board__controls">
          {board.data && board.data.variables.length > 0 && (
            <VariablePickers variables={board.data.variables} onChange={selectVariable} />
          )}
          <TimeControls
            state={{ range, refreshMs }}
            onChange={setTimeState}
            zoneControl={
              <ZoneSwitch
                zone={boardState.timeZone}
                onChange={(timeZone) => setBoardState({ ...boardState, timeZone })}
              />
            }
          />
        </div>
      </header>
      {board.data?.error && (
        <div className="board__error" role="alert" data-testid="board-error">
          <p className="board__error-title">
            {board.data.definition
              ? `${board.data.file} is broken: the last good version is shown`
              : `${board.data.file} could not be loaded`}
          </p>
          <pre className="board__error-message">{board.data.error.message}</pre>
        </div>
      )}
      <PanelState query={board} refreshMs={0} emptyText="No such board">
        {(data) =>
          data.definition && (
            <BoardGrid
              definition={data.definition}
              only={boardState.panel}
              renderPanel={(panel) => (
                <DashboardPanel
                  key={panel.id}
                  board={{ id: data.id, version: data.version }}
                  panel={panel}
                  range={range}
                  refreshMs={refreshMs}
                  variables={boardState.variables}
                  timeZone={chartZone(boardState.timeZone)}
                  fullScreen={boardState.panel === panel.id}
                  onFullScreen={(panelId) => setBoardState({ ...boardState, panel: panelId })}
                  onZoom={(startMs, endMs) => setTimeState({ range: { kind: 'absolute', startMs, endMs }, refreshMs })}
                />
              )}
            />
          )
        }
      </PanelState>
    </div>
  );
}

/** Local or UTC: the zone every time on the board is shown in. */
function ZoneSwitch({
  zone,
  onChange,
}: {
  zone: BoardState['timeZone'];
  onChange: (zone: BoardState['timeZone']) => void;
}) {
  return (
    <div className="zone-switch" role="group" aria-label="Time zone">
      {(['local', 'utc'] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={zone === choice}
          title={choice === 'utc' ? 'Times in UTC' : `Times in this browser's zone, ${browserTimeZone()}`}
          onClick={() => onChange(choice)}
        >
          {choice === 'utc' ? 'UTC' : 'Local'}
        </button>
      ))}
    </div>
  );
}
