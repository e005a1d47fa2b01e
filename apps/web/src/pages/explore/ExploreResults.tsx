import { formatDuration } from '@promwall/core/duration';
import { chooseStep } from '@promwall/core/series';
import { formatSeconds } from '@promwall/core/units';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { chartPoints } from '../../components/charts/TimeSeriesChart.tsx';
import { useElementWidth } from '../../components/charts/useElementWidth.ts';
import { PanelState } from '../../components/PanelState.tsx';
import { clockTime } from '../../time/clock.ts';
import { rangeLength, type TimeState } from '../../url/timeRange.ts';
import {
  instantQuery,
  rangeQuery,
  type InstantAnswer,
  type QueryResult,
  type RangeAnswer,
} from '../../api/prometheus.ts';
import { ExploreError } from './ExploreError.tsx';
import type { ExploreTab } from './exploreUrl.ts';
import { ResultGraph } from './ResultGraph.tsx';
import { ResultTable } from './ResultTable.tsx';

export interface ExploreResultsProps {
  expr: string;
  tab: ExploreTab;
  time: TimeState;
  onTabChange: (tab: ExploreTab) => void;
  /** Loads an example expression into the editor and runs it. */
  onExample: (expr: string) => void;
}

const GRAPH_HEIGHT = 460;
const TABS: { id: ExploreTab; label: string }[] = [
  { id: 'table', label: 'Table' },
  { id: 'graph', label: 'Graph' },
];
const count = new Intl.NumberFormat('en-US');

function resultSize(result: QueryResult): string {
  if (result.resultType === 'scalar' || result.resultType === 'string') return result.resultType;
  return `${count.format(result.result.length)} series`;
}

const isEmptyResult = ({ result }: InstantAnswer) =>
  (result.resultType === 'vector' || result.resultType === 'matrix') && result.result.length === 0;

interface QueryBodyProps<T> {
  query: UseQueryResult<T>;
  refreshMs: number;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

/** Prometheus's and Promwall's errors as Explore shows them; every other state as panels do. */
function QueryBody<T>({ query, refreshMs, isEmpty, children }: QueryBodyProps<T>) {
  if (query.error && query.data === undefined) return <ExploreError error={query.error} />;
  return (
    <>
      {/* A failed refresh keeps the last result on screen, dimmed, below the error that stopped it. */}
      {query.error && <ExploreError error={query.error} />}
      <PanelState query={query} refreshMs={refreshMs} isEmpty={isEmpty} emptyText="Empty query result">
        {children}
      </PanelState>
    </>
  );
}

interface StatusLineProps {
  parts: string[];
  /** Prometheus's warnings and infos about the query. */
  notes: string[];
  running: boolean;
}

function StatusLine({ parts, notes, running }: StatusLineProps) {
  return (
    <div className="explore-status" aria-live="polite">
      <p className="explore-status__line" data-testid="explore-status">
        {running && <span className="explore-status__running">Running…</span>}
        {parts.join(' · ')}
      </p>
      {notes.map((note) => (
        <p key={note} className="explore-status__note">
          {note}
        </p>
      ))}
    </div>
  );
}

const notesOf = (answer: { warnings: string[]; infos: string[] } | undefined) => [
  ...(answer?.warnings ?? []).map((text) => `Warning: ${text}`),
  ...(answer?.infos ?? []).map((text) => `Info: ${text}`),
];

/** The result panel: tabs, a status line saying what was asked and how long it took, the view. */
export function ExploreResults({ expr, tab, time, onTabChange, onExample }: ExploreResultsProps) {
  const [bodyRef, width] = useElementWidth<HTMLDivElement>();
  const { range } = time;
  // A fixed range is never refreshed, so it is never stale either.
  const refreshMs = range.kind === 'relative' ? time.refreshMs : 0;
  const stepMs = chooseStep(rangeLength(range), chartPoints(width));
  const instant = useQuery({ ...instantQuery(expr, range, refreshMs), enabled: expr !== '' && tab === 'table' });
  const ranged = useQuery({
    ...rangeQuery(expr, range, stepMs, refreshMs),
    enabled: expr !== '' && tab === 'graph' && width > 0,
  });
  const withDate = range.kind === 'absolute' || rangeLength(range) >= 86_400_000;

  let status: ReactNode = null;
  if (expr !== '' && tab === 'table') {
    const answer = instant.data;
    status = (
      <StatusLine
        running={instant.isFetching}
        parts={
          answer
            ? [
                resultSize(answer.result),
                `at ${clockTime(answer.atMs, { withDate })}`,
                formatSeconds(answer.durationMs / 1000),
              ]
            : []
        }
        notes={notesOf(answer)}
      />
    );
  } else if (expr !== '') {
    const answer = ranged.data;
    status = (
      <StatusLine
        running={ranged.isFetching}
        parts={
          answer
            ? [
                `${count.format(answer.series.length)} series`,
                `${clockTime(answer.startMs, { withDate })} – ${clockTime(answer.endMs, { withDate })}`,
                `step ${formatDuration(answer.stepMs)}`,
                formatSeconds(answer.durationMs / 1000),
              ]
            : []
        }
        notes={notesOf(answer)}
      />
    );
  }

  return (
    <section className="panel explore-results" aria-label="Result">
      <div className="explore-results__bar">
        <div className="explore-tabs" role="tablist" aria-label="Result view">
          {TABS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`explore-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="explore-result-view"
              className="explore-tabs__tab"
              data-testid={`explore-tab-${id}`}
              onClick={() => onTabChange(id)}
            >
              {label}
            </button>
          ))}
        </div>
        {status}
      </div>
      <div
        ref={bodyRef}
        id="explore-result-view"
        role="tabpanel"
        aria-labelledby={`explore-tab-${tab}`}
        className="explore-results__body"
      >
        {expr === '' ? (
          <div className="explore-hint">
            <p>Write a PromQL expression above and press Enter, or Run.</p>
            <p className="explore-hint__examples">
              For example{' '}
              <button type="button" className="explore-hint__example" onClick={() => onExample('up')}>
                up
              </button>{' '}
              or{' '}
              <button type="button" className="explore-hint__example" onClick={() => onExample('count by (job) (up)')}>
                count by (job) (up)
              </button>
            </p>
          </div>
        ) : tab === 'table' ? (
          <QueryBody query={instant} refreshMs={refreshMs} isEmpty={isEmptyResult}>
            {(answer: InstantAnswer) => <ResultTable result={answer.result} />}
          </QueryBody>
        ) : (
          <QueryBody query={ranged} refreshMs={refreshMs} isEmpty={(answer) => answer.series.length === 0}>
            {(answer: RangeAnswer) => <ResultGraph answer={answer} width={width} height={GRAPH_HEIGHT} />}
          </QueryBody>
        )}
      </div>
    </section>
  );
}
