import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PROMQL_KEY } from '../../api/prometheus.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TimeControls } from '../../components/TimeControls.tsx';
import { useTimeState } from '../../hooks/useTimeState.ts';
import { usePageHandle } from '../../pageHandle.ts';
import { useSearchState } from '../../url/useSearchState.ts';
import { ExploreResults } from './ExploreResults.tsx';
import { decodeExploreState, encodeExploreState, type ExploreTab } from './exploreUrl.ts';
import { PromQLEditor } from './PromQLEditor.tsx';
import { RecentQueries } from './RecentQueries.tsx';
import { addToHistory, browserStorage, readHistory, writeHistory } from './queryHistory.ts';
import './explore.css';

/**
 * PromQL against the configured Prometheus, through Promwall's read-only pass-through. The
 * expression run, the view and the range live in the URL, so a link reproduces what is on screen.
 */
export function ExplorePage() {
  const page = usePageHandle();
  const [{ expr, tab }, setExploreState] = useSearchState(decodeExploreState, encodeExploreState);
  const [time, setTime] = useTimeState();
  const queryClient = useQueryClient();
  const [history, setHistory] = useState(() => readHistory(browserStorage()));

  const saveHistory = (next: string[]) => {
    setHistory(next);
    writeHistory(browserStorage(), next);
  };

  const run = (text: string) => {
    const next = text.trim();
    if (next === '') return;
    saveHistory(addToHistory(history, next));
    // Running the expression on screen again asks Prometheus again, as a Run button should.
    if (next === expr) void queryClient.invalidateQueries({ queryKey: [PROMQL_KEY] });
    else setExploreState({ expr: next, tab });
  };

  const changeTab = (next: ExploreTab) => setExploreState({ expr, tab: next });

  return (
    <div className="explore">
      <div className="explore__header">
        <PageHeader title={page.title} description={page.description} />
        <TimeControls state={time} onChange={setTime} />
      </div>
      <div className="explore__layout">
        <div className="explore__main">
          <section className="panel explore-query" aria-label="Query">
            <PromQLEditor value={expr} onRun={run} />
          </section>
          <ExploreResults expr={expr} tab={tab} time={time} onTabChange={changeTab} onExample={run} />
        </div>
        <RecentQueries items={history} onPick={run} onClear={() => saveHistory([])} />
      </div>
    </div>
  );
}
