import type { Panel, PanelData } from '@promwall/core/dashboardSchemas';
import type { UseQueryResult } from '@tanstack/react-query';
import { AlertsBand } from '../AlertsBand.tsx';
import { TargetsStrip } from '../TargetsStrip.tsx';
import { wallAlerts, wallTargets } from '../wallLists.ts';
import { WallChart } from './WallChart.tsx';
import { WallTable } from './WallTable.tsx';
import { WallTile } from './WallTile.tsx';

/** A band shares its row with other panels: two alerts and a count of the rest. */
const ALERT_ROWS = 2;

export interface WallPanelProps {
  panel: Panel;
  query: UseQueryResult<PanelData> | undefined;
  stale: boolean;
  now: number;
  /** Alert rows before the count of the rest; a frame of its own has room for more. */
  alertRows?: number;
}

/** One board panel in the wall's look, by its type. */
export function WallPanel({ panel, query, stale, now, alertRows = ALERT_ROWS }: WallPanelProps) {
  const data = query?.data;
  switch (panel.type) {
    case 'stat':
      return <WallTile title={panel.title} data={data?.type === 'stat' ? data : undefined} stale={stale} />;
    case 'timeseries':
      return (
        <WallChart
          title={panel.title}
          data={data?.type === 'timeseries' ? data : undefined}
          min={panel.min}
          max={panel.max}
          stacked={panel.stacked}
          stale={stale}
        />
      );
    case 'table':
      return <WallTable title={panel.title} data={data?.type === 'table' ? data : undefined} stale={stale} />;
    case 'targets':
      return (
        <TargetsStrip targets={data?.type === 'targets' ? wallTargets(data.targets, {}) : undefined} stale={stale} />
      );
    case 'alerts':
      return (
        <AlertsBand
          alerts={data?.type === 'alerts' ? wallAlerts(data.alerts, {}) : undefined}
          now={now}
          stale={stale}
          rows={alertRows}
        />
      );
  }
}
