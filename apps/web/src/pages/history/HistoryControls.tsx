import { headlineKeys, headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { HISTORY_RESOLUTIONS, type HistoryResolution } from '@promwall/core/history';
import type { HistoryInfo } from '@promwall/core/schemas';
import { useId, useState } from 'react';
import { ChoiceChips } from '../../components/lists/ListParts.tsx';
import { CustomRangeForm } from '../../components/CustomRangeForm.tsx';
import { HISTORY_PRESETS, rangeBounds, type HistoryPreset, type HistoryState } from '../../url/historyState.ts';

const PRESET_LABELS: Record<HistoryPreset, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };
const RESOLUTION_LABELS: Record<HistoryResolution, string> = {
  raw: 'Every round',
  '5m': '5-minute means',
  '1h': 'Hourly means',
  '1d': 'Daily means (UTC)',
};
const CUSTOM = 'custom';
const HEADLINE = '';

export interface HistoryControlsProps {
  info: HistoryInfo;
  state: HistoryState;
  onChange: (next: HistoryState) => void;
}

/** Which metric, whose figure, over which range and at which resolution. */
export function HistoryControls({ info, state, onChange }: HistoryControlsProps) {
  const id = useId();
  const { metric, instance, range, resolution } = state;
  const [customOpen, setCustomOpen] = useState(range.kind === 'custom');
  const instances = info.instances[metric];
  // A linked instance no longer recorded is still offered, so the link shows what it named.
  const instanceChoices =
    instance !== undefined && !instances.includes(instance) ? [...instances, instance] : instances;
  const rangeChoice = customOpen ? CUSTOM : range.kind === 'preset' ? range.preset : CUSTOM;

  return (
    <div className="history-controls">
      <ChoiceChips<HeadlineKey>
        label="Metric"
        choices={headlineKeys.map((key) => ({ value: key, label: headlineMetrics[key].title }))}
        selected={[metric]}
        onToggle={(next) => onChange({ ...state, metric: next, instance: undefined })}
      />
      <label className="field" htmlFor={`${id}-instance`}>
        <span className="field__label">Instance</span>
        <select
          id={`${id}-instance`}
          value={instance ?? HEADLINE}
          onChange={(event) => onChange({ ...state, instance: event.target.value || undefined })}
        >
          <option value={HEADLINE}>All (the headline figure)</option>
          {instanceChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
      <ChoiceChips<HistoryPreset | typeof CUSTOM>
        label="Range"
        choices={[
          ...HISTORY_PRESETS.map((preset) => ({ value: preset, label: PRESET_LABELS[preset] })),
          { value: CUSTOM, label: 'Custom' },
        ]}
        selected={[rangeChoice]}
        onToggle={(next) => {
          if (next === CUSTOM) {
            setCustomOpen(true);
            return;
          }
          setCustomOpen(false);
          onChange({ ...state, range: { kind: 'preset', preset: next } });
        }}
      />
      {customOpen && <CustomRange state={state} onChange={onChange} />}
      <label className="field" htmlFor={`${id}-resolution`}>
        <span className="field__label">Resolution</span>
        <select
          id={`${id}-resolution`}
          value={resolution}
          onChange={(event) => onChange({ ...state, resolution: event.target.value as HistoryState['resolution'] })}
        >
          <option value="auto">Fits the chart</option>
          {HISTORY_RESOLUTIONS.map((choice) => (
            <option key={choice} value={choice}>
              {RESOLUTION_LABELS[choice]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A fixed range, in local time; it opens on the range shown now. */
function CustomRange({ state, onChange }: Pick<HistoryControlsProps, 'state' | 'onChange'>) {
  const [initial] = useState(() => rangeBounds(state.range, Date.now()));
  return (
    <CustomRangeForm
      className="history-controls__custom"
      initial={initial}
      minMs={1}
      onApply={({ fromMs, toMs }) => onChange({ ...state, range: { kind: 'custom', fromMs, toMs } })}
    />
  );
}
