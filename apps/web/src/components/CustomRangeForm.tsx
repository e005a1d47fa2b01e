import { useState, type FormEvent } from 'react';
import { toLocalInput } from '../time/localInput.ts';

export interface CustomRangeFormProps {
  className: string;
  /** The range it opens on. */
  initial: { fromMs: number; toMs: number };
  /** The shortest range it accepts. */
  minMs: number;
  onApply: (range: { fromMs: number; toMs: number }) => void;
}

/** A fixed range typed in local time, applied once it is a range. */
export function CustomRangeForm({ className, initial, minMs, onApply }: CustomRangeFormProps) {
  const [from, setFrom] = useState(() => toLocalInput(initial.fromMs));
  const [to, setTo] = useState(() => toLocalInput(initial.toMs));
  const valid = Date.parse(to) - Date.parse(from) >= minMs;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onApply({ fromMs: Date.parse(from), toMs: Date.parse(to) });
  };

  return (
    <form className={className} onSubmit={apply}>
      <label className="field">
        <span className="field__label">From</span>
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">To</span>
        <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <button type="submit" className="button" disabled={!valid}>
        Apply
      </button>
    </form>
  );
}
