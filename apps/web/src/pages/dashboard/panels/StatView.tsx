import type { StatData } from '@promwall/core/dashboardSchemas';
import type { LinkedAlert, Status } from '@promwall/core/schemas';
import { formatValueParts } from '@promwall/core/units';
import { memo, useMemo } from 'react';
import { statTone } from '../../../components/boards/statTone.ts';
import { msPoints } from '../../../api/timePoints.ts';
import { toChartData } from '../../../components/charts/chartData.ts';
import { Sparkline } from '../../../components/charts/Sparkline.tsx';
import { formatClock } from '../../../components/charts/timeAxis.ts';
import { useElementWidth } from '../../../components/charts/useElementWidth.ts';

/** A state is told by its shape and word as well as its colour, as on the overview's tiles. */
const BADGES: Record<Status | 'none', { icon: string; word: string }> = {
  ok: { icon: '●', word: 'OK' },
  warning: { icon: '▲', word: 'Warning' },
  critical: { icon: '■', word: 'Critical' },
  unknown: { icon: '?', word: 'No data' },
  none: { icon: '', word: '' },
};

const RULE_LOOKS: Record<LinkedAlert['state'], { icon: string; word: string; tone: string }> = {
  firing: { icon: '■', word: 'firing', tone: 'critical' },
  pending: { icon: '▲', word: 'pending', tone: 'warning' },
  inactive: { icon: '●', word: 'ok', tone: 'ok' },
  missing: { icon: '?', word: 'no such rule', tone: 'unknown' },
  unknown: { icon: '?', word: 'rules unreadable', tone: 'unknown' },
};

export interface StatViewProps {
  data: StatData;
  /** Larger type and no rule summaries, for the TV wall. */
  size?: 'page' | 'wall';
  /** The zone the board shows times in; the browser's when undefined. */
  timeZone?: string | undefined;
}

/** A stat panel: its figure and unit, its threshold state, its shape over the range, and the
 * state of the alert rules linked to it. Never a made-up 0: no data reads as "—". */
export const StatView = memo(function StatView({ data, size = 'page', timeZone }: StatViewProps) {
  const tone = statTone(data);
  const badge = BADGES[data.value === null ? 'unknown' : (data.status ?? 'none')];
  const { number, unit } = formatValueParts(data.value, data.unit);
  return (
    <div className={`stat-view stat-view--${size}`}>
      <div className="stat-view__row">
        <p className="stat-view__value" data-testid="stat-value">
          <span className="stat-view__number">{number}</span>
          {unit && <span className="stat-view__unit">{unit}</span>}
        </p>
        {badge.word && (
          <p className="stat-view__badge">
            <span aria-hidden="true">{badge.icon}</span> {badge.word}
          </p>
        )}
      </div>
      {data.sparkline && <StatSparkline data={data} tone={tone} />}
      {data.alertRules.length > 0 && (
        <ul className="stat-view__rules" aria-label="Linked alert rules">
          {data.alertRules.map((rule) => {
            const look = RULE_LOOKS[rule.state];
            return (
              <li
                key={rule.name}
                className={`stat-view__rule tone--${look.tone}`}
                data-rule-state={rule.state}
                title={rule.summary ?? undefined}
              >
                <span aria-hidden="true">{look.icon}</span> {rule.name} {look.word}
                {rule.activeAt && size === 'page' && ` since ${formatClock(Date.parse(rule.activeAt), timeZone)}`}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});

function StatSparkline({ data, tone }: { data: StatData; tone: Status | 'none' }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const sparkline = data.sparkline!;
  const chart = useMemo(
    () => toChartData([{ labels: {}, points: msPoints(sparkline.points) }], { stepMs: sparkline.stepSeconds * 1000 }),
    [sparkline],
  );
  const first = chart.series[0];
  return (
    <div ref={ref} className="stat-view__sparkline">
      {width > 0 && first && chart.rows.length > 0 && (
        <Sparkline
          rows={chart.rows}
          dataKey={first.key}
          color={`var(--color-${tone === 'none' ? 'accent' : tone})`}
          startMs={Date.parse(sparkline.start)}
          endMs={Date.parse(sparkline.end)}
          width={width}
          height={36}
        />
      )}
    </div>
  );
}
