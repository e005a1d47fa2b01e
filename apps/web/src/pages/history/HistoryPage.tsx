import type { HistoryInfo } from '@promwall/core/schemas';
import { useQuery } from '@tanstack/react-query';
import { HttpError } from '../../api/client.ts';
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
      {info.error instanceof HttpError && info.error.code === 'history_not_configured' ? (
        <HistoryOff />
      ) : (
        <PanelState query={info} refreshMs={0}>
          {(data) => <HistoryView info={data} />}
        </PanelState>
      )}
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

/** A Promwall without a database records no history: that is a setting, not a failure. */
function HistoryOff() {
  return (
    <div className="panel-state panel-state--empty" data-panel-state="not-configured" data-testid="history-off">
      <p className="panel-state__title">History is off</p>
      <p className="panel-state__message">
        Promwall keeps the headline figures in PostgreSQL once a database is configured: set <code>database.url</code>{' '}
        in promwall.yml or <code>PROMWALL_DATABASE_URL</code>. The embedded stack of <code>npm start</code> has one.
      </p>
    </div>
  );
}
