import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { HeadlineValue } from '@promwall/core/schemas';
import { formatValue } from '@promwall/core/units';
import { useMemo } from 'react';
import type { MetricSeries } from '../../../api/summary.ts';
import { headlineLook } from '../../../components/headlineLook.ts';
import { clockMinutes } from '../../../time/clock.ts';
import { StateWord } from '../StateIcon.tsx';
import { sparklinePaths, valueBounds } from '../sparklinePath.ts';

export interface EmbedChartProps {
  metric: HeadlineKey;
  value: HeadlineValue | undefined;
  series: MetricSeries | undefined;
  range: string;
  stale: boolean;
}

// Drawn in a fixed box and stretched by the SVG, like the wall's sparklines.
const WIDTH = 1000;
const HEIGHT = 300;

/** One headline metric over a range, full-frame: its line, the lowest and highest value, the time span. */
export function EmbedChart({ metric, value, series, range, stale }: EmbedChartProps) {
  const { title, unit } = headlineMetrics[metric];
  const look = headlineLook(value);
  const points = series?.series[0]?.points;
  const drawn = useMemo(() => {
    if (!series || !points) return undefined;
    const box = { width: WIDTH, height: HEIGHT, startMs: series.startMs, endMs: series.endMs, stepMs: series.stepMs };
    return { paths: sparklinePaths(points, box), bounds: valueBounds(points), startMs: box.startMs, endMs: box.endMs };
  }, [series, points]);
  return (
    <section
      className="tv-chart"
      data-testid="embed-chart"
      data-metric={metric}
      data-status={look.tone}
      data-reason={value?.reason}
      data-stale={stale}
    >
      <header className="tv-chart__head">
        <h2 className="tv-chart__title">
          {title} <span className="tv-chart__range">· last {range}</span>
        </h2>
        <p className="tv-chart__now">
          {look.tone !== 'ok' && <StateWord tone={look.tone} shape={look.shape} word={look.word.toUpperCase()} />}{' '}
          <span data-testid="tv-value">
            {formatValue(look.showsValue ? (value?.value ?? null) : null, value?.unit ?? unit)}
          </span>
        </p>
      </header>
      <div className="tv-chart__plot">
        <p className="tv-chart__max">{drawn?.bounds ? formatValue(drawn.bounds.max, unit) : ''}</p>
        <svg
          className="tv-chart__svg tv-spark"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          <path className="tv-spark__area" d={drawn?.paths.area ?? ''} />
          <path className="tv-spark__line" d={drawn?.paths.line ?? ''} />
        </svg>
        <p className="tv-chart__min">{drawn?.bounds ? formatValue(drawn.bounds.min, unit) : ''}</p>
      </div>
      <footer className="tv-chart__axis">
        <span>{drawn ? clockMinutes(drawn.startMs) : ''}</span>
        <span>{drawn ? clockMinutes(drawn.endMs) : ''}</span>
      </footer>
    </section>
  );
}
