import type { HistoryInfo } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { historyInfoQuery } from '../../api/history.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PanelState } from '../../components/PanelState.tsx';
import { usePageHandle } from '../../pageHandle.ts';
import { decodeHistoryState, encodeHistoryState } from '../../url/historyState.ts';
import { useSearchState } from '../../url/useSearchState.ts';
import { HistoryChartPanel } from './HistoryChartPanel.tsx';
import { HistoryControls } from './HistoryControls.tsx';
import './history.css';

/** Months of the headline figures from the database, one metric and instance at a time. */
export function HistoryPage() {
  const page = usePageHandle();
  const info = useQuery(historyInfoQuery());
  return (
    <div className="history">
      <PageHeader title={page.title} description={page.description} />
      <PanelState query={info} refreshMs={0}>
        {(data) => <HistoryView info={data} />}
      </PanelState>
    </div>
  );
}

function HistoryView({ info }: { info: HistoryInfo }) {
  const [state, setState] = useSearchState(decodeHistoryState, encodeHistoryState);
  return (
    <div className="history__view">
      <HistoryControls info={info} state={state} onChange={setState} />
      <HistoryChartPanel info={info} state={state} />
    </div>
  );
}
