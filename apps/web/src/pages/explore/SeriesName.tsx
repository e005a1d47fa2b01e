import type { Labels } from '../../api/prometheus.ts';
import { seriesParts } from './seriesFormat.ts';

export interface SeriesNameProps {
  metric: Labels;
}

/** `metric{a="b"}`, coloured like the editor: the name, then label names and values. */
export function SeriesName({ metric }: SeriesNameProps) {
  const { name, labels } = seriesParts(metric);
  return (
    <span className="series-name">
      {name && <span className="series-name__metric">{name}</span>}
      {(labels.length > 0 || !name) && (
        <>
          {'{'}
          {labels.map((label, index) => (
            <span key={label.name} className="series-name__matcher">
              {index > 0 && ', '}
              <span className="series-name__label">{label.name}</span>
              {label.value !== undefined && (
                <>
                  =<span className="series-name__value">{label.value}</span>
                </>
              )}
            </span>
          ))}
          {'}'}
        </>
      )}
    </span>
  );
}
