import { headlineKeys } from '@promwall/core/headline';
import { useQuery } from '@tanstack/react-query';
import { summaryQuery } from '../../api/summary.ts';
import { AlertsPanel } from '../../components/alerts/AlertsPanel.tsx';
import { TargetsPanel } from '../../components/targets/TargetsPanel.tsx';
import { TimeControls } from '../../components/TimeControls.tsx';
import { useTimeState } from '../../hooks/useTimeState.ts';
import { usePageHandle } from '../../pageHandle.ts';
import { NO_FILTERS } from './filters.ts';
import { MetricChartPanel } from './MetricChartPanel.tsx';
import { StatTile } from './StatTile.tsx';
import './overview.css';

/** The headline figures, their history, and what needs attention: targets down, alerts firing. */
export function OverviewPage() {
  const page = usePageHandle();
  const [timeState, setTimeState] = useTimeState();
  const { range, refreshMs } = timeState;
  const summary = useQuery(summaryQuery(NO_FILTERS, { refreshMs }));

  return (
    <div className="overview">
      <header className="overview__header">
        <h1 className="page-header__title">{page.title}</h1>
        <TimeControls state={timeState} onChange={setTimeState} />
      </header>

      <div className="overview__tiles">
        {headlineKeys.map((key) => (
          <StatTile key={key} metricKey={key} summary={summary} range={range} refreshMs={refreshMs} />
        ))}
      </div>

      <div className="overview__charts">
        <MetricChartPanel
          metric="cpu"
          title="CPU by instance"
          byInstance
          range={range}
          refreshMs={refreshMs}
          className="overview__wide"
        />
        <MetricChartPanel
          metric="memory"
          title="Memory by instance"
          byInstance
          range={range}
          refreshMs={refreshMs}
          className="overview__wide"
        />
        <MetricChartPanel
          metric="dbConnections"
          title="DB connections"
          byInstance={false}
          range={range}
          refreshMs={refreshMs}
        />
        <MetricChartPanel metric="rps" title="Requests/s" byInstance={false} range={range} refreshMs={refreshMs} />
        <MetricChartPanel
          metric="latencyP95"
          title="p95 latency"
          byInstance={false}
          range={range}
          refreshMs={refreshMs}
        />
      </div>

      <div className="overview__lists">
        <TargetsPanel refreshMs={refreshMs} />
        <AlertsPanel refreshMs={refreshMs} />
      </div>
    </div>
  );
}
