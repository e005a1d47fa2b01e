import type { VariableState } from '@promwall/core/dashboardSchemas';
import { useId } from 'react';

export interface VariablePickersProps {
  variables: readonly VariableState[];
  onChange: (name: string, value: string) => void;
}

const ALL = '';

/** One picker per board variable: every value (no matcher), or one of the label's values. */
export function VariablePickers({ variables, onChange }: VariablePickersProps) {
  const id = useId();
  return (
    <div className="variable-pickers">
      {variables.map((variable) => {
        const selected = variable.selected ?? ALL;
        // A value from a shared link may be one Prometheus no longer has: keep it choosable.
        const values =
          selected !== ALL && !variable.values.includes(selected) ? [selected, ...variable.values] : variable.values;
        return (
          <label key={variable.name} className="field" htmlFor={`${id}-${variable.name}`}>
            <span className="field__label">{variable.title}</span>
            <select
              id={`${id}-${variable.name}`}
              value={selected}
              data-testid={`variable-${variable.name}`}
              title={variable.error ? `Values unavailable: ${variable.error.message}` : undefined}
              onChange={(event) => onChange(variable.name, event.target.value)}
            >
              <option value={ALL}>All</option>
              {values.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
