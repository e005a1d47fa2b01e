import type { Targets } from '@promwall/core/schemas';
import { HEALTH_LOOKS, TARGET_HEALTHS } from './health.ts';
import { CountStrip, type CountItem } from '../lists/ListParts.tsx';

export interface TargetCountsProps {
  counts: Targets['counts'];
  compact?: boolean;
}

export function TargetCounts({ counts, compact = false }: TargetCountsProps) {
  return (
    <CountStrip
      testId="target-counts"
      compact={compact}
      groups={[
        TARGET_HEALTHS.map((health): CountItem => {
          const { label, tone, shape } = HEALTH_LOOKS[health];
          return { key: health, label, value: counts[health], tone: counts[health] > 0 ? tone : 'neutral', shape };
        }),
        [{ key: 'total', label: 'Total', value: counts.total, tone: 'neutral' }],
      ]}
    />
  );
}
