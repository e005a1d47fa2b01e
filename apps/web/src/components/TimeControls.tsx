import { formatDuration, parseDuration } from '@promwall/core/duration';
import { useId, useState, type ReactNode } from 'react';
import { CustomRangeForm } from './CustomRangeForm.tsx';
import { RANGE_CHOICES, REFRESH_CHOICES, type TimeRange, type TimeState } from '../url/timeRange.ts';

export interface TimeControlsProps {
  state: TimeState;
  onChange: (next: TimeState) => void;
  /** The page's own time-zone control, shown where the zone's name is otherwise. */
  zoneControl?: ReactNode;
}

const CUSTOM = 'custom';

function rangeValue(range: TimeRange): string {
  return range.kind === 'absolute' ? CUSTOM : formatDuration(range.ms);
}

/** The range and refresh pickers every live page carries. */
export function TimeControls({ state, onChange, zoneControl }: TimeControlsProps) {
  const id = useId();
  const [customOpen, setCustomOpen] = useState(state.range.kind === 'absolute');
  // The custom form opens on the range shown now: a moving window is pinned to the time it opened.
  const [initial] = useState(() => {
    const endMs = state.range.kind === 'absolute' ? state.range.endMs : Date.now();
    return { startMs: state.range.kind === 'absolute' ? state.range.startMs : endMs - state.range.ms, endMs };
  });
  const rangeOptions =
    state.range.kind === 'relative' && !RANGE_CHOICES.includes(rangeValue(state.range) as never)
      ? [...RANGE_CHOICES, rangeValue(state.range)]
      : RANGE_CHOICES;

  return (
    <div className="time-controls">
      <label className="field" htmlFor={`${id}-range`}>
        <span className="field__label">Range</span>
        <select
          id={`${id}-range`}
          value={customOpen ? CUSTOM : rangeValue(state.range)}
          onChange={(event) => {
            if (event.target.value === CUSTOM) {
              setCustomOpen(true);
              return;
            }
            setCustomOpen(false);
            onChange({ ...state, range: { kind: 'relative', ms: parseDuration(event.target.value)! } });
          }}
        >
          {rangeOptions.map((choice) => (
            <option key={choice} value={choice}>
              Last {choice}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </label>
      {customOpen && (
        <CustomRangeForm
          className="time-controls__custom"
          initial={{ fromMs: initial.startMs, toMs: initial.endMs }}
          minMs={60_000}
          onApply={({ fromMs, toMs }) =>
            onChange({ ...state, range: { kind: 'absolute', startMs: fromMs, endMs: toMs } })
          }
        />
      )}
      <label className="field" htmlFor={`${id}-refresh`}>
        <span className="field__label">Refresh</span>
        <select
          id={`${id}-refresh`}
          value={state.refreshMs === 0 ? 'off' : formatDuration(state.refreshMs)}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...state, refreshMs: value === 'off' ? 0 : parseDuration(value)! });
          }}
        >
          {REFRESH_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'off' ? 'Off' : `Every ${choice}`}
            </option>
          ))}
        </select>
      </label>
      {zoneControl ?? (
        <span className="time-controls__zone" title="Times are shown in this time zone">
          {browserTimeZone()}
        </span>
      )}
    </div>
  );
}

/** The browser's time zone, e.g. Europe/Berlin: what "local" times are in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
