import { formatDuration } from '@promwall/core/duration';
import { formatAge } from '@promwall/core/units';
import { useId, type ReactNode } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import { countOf } from '../../text/plural.ts';
import type { Tone } from '../tone.ts';
import './lists.css';

/** The shape beside a word, so that a state reads without colour too: up and firing are dots,
 * down a square, unknown and pending rings. */
export type MarkShape = 'dot' | 'ring' | 'square';

export function ToneMark({ shape = 'dot' }: { shape?: MarkShape | undefined }) {
  return <span className={`tone-mark tone-mark--${shape}`} aria-hidden="true" />;
}

export interface CountItem {
  key: string;
  label: string;
  value: number;
  tone: Tone;
  shape?: MarkShape;
}

export interface CountStripProps {
  groups: CountItem[][];
  testId: string;
  /** Smaller figures, for an overview panel. */
  compact?: boolean;
}

/** The figures at the top of a list: each a word and a number, coloured only when it matters. */
export function CountStrip({ groups, testId, compact = false }: CountStripProps) {
  return (
    <div className={compact ? 'count-strip count-strip--compact' : 'count-strip'} data-testid={testId}>
      {groups.map((items, index) => (
        <dl className="count-strip__group" key={index}>
          {items.map((item) => (
            <div key={item.key} className={`count-strip__item tone--${item.tone}`} data-count={item.key}>
              <dt className="count-strip__label">
                {item.tone !== 'neutral' && <ToneMark shape={item.shape} />}
                {item.label}
              </dt>
              <dd className="count-strip__value">{item.value}</dd>
            </div>
          ))}
        </dl>
      ))}
    </div>
  );
}

export interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}

export function SearchField({ value, onChange, placeholder }: SearchFieldProps) {
  const id = useId();
  return (
    <label className="field list-filters__search" htmlFor={id}>
      <span className="field__label">Search</span>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  count?: number;
  tone?: Tone;
  shape?: MarkShape;
}

export interface ChoiceChipsProps<T extends string> {
  label: string;
  choices: Choice<T>[];
  selected: readonly T[];
  onToggle: (value: T) => void;
}

/** Toggle buttons for a multi-choice filter; none pressed shows everything. */
export function ChoiceChips<T extends string>({ label, choices, selected, onToggle }: ChoiceChipsProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <span className="field__label" id={id}>
        {label}
      </span>
      <div className="choice-chips" role="group" aria-labelledby={id}>
        {choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            className={`choice-chip tone--${choice.tone ?? 'neutral'}`}
            aria-pressed={selected.includes(choice.value)}
            onClick={() => onToggle(choice.value)}
          >
            {choice.tone && choice.tone !== 'neutral' && <ToneMark shape={choice.shape} />}
            {choice.label}
            {choice.count !== undefined && <span className="choice-chip__count">{choice.count}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}

export interface FilterSummaryProps {
  shown: number;
  total: number;
  /** Singular: `alert`, counted as `1 alert`, `2 alerts`. */
  noun: string;
  filtered: boolean;
  onClear: () => void;
}

export function FilterSummary({ shown, total, noun, filtered, onClear }: FilterSummaryProps) {
  return (
    <div className="list-filters__summary">
      <span role="status">{filtered ? `${shown} of ${countOf(total, noun)}` : countOf(total, noun)}</span>
      {filtered && (
        <button type="button" className="button button--quiet" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}

export interface ListNoteProps {
  tone: Tone;
  title: string;
  /** One small line, for an overview panel's footnote. */
  compact?: boolean;
  children?: ReactNode;
}

/** A calm sentence in place of an empty list, or a caveat above one. */
export function ListNote({ tone, title, compact = false, children }: ListNoteProps) {
  return (
    <div className={`list-note tone--${tone}${compact ? ' list-note--compact' : ''}`} role="note">
      <ToneMark />
      <div>
        <p className="list-note__title">{title}</p>
        {children && <p className="list-note__text">{children}</p>}
      </div>
    </div>
  );
}

export interface UpdatedStatusProps {
  dataUpdatedAt: number;
  refreshMs: number;
  fetching: boolean;
  onRefresh: () => void;
}

/** When the list was last fetched and how often it is, with a way to fetch it now. */
export function UpdatedStatus({ dataUpdatedAt, refreshMs, fetching, onRefresh }: UpdatedStatusProps) {
  const now = useNow();
  return (
    <div className="updated-status">
      <span>
        {dataUpdatedAt > 0 && <>Updated {formatAge(now - dataUpdatedAt)} · </>}
        {refreshMs > 0 ? `refreshes every ${formatDuration(refreshMs)}` : 'auto-refresh off'}
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={onRefresh}
        disabled={fetching}
        aria-busy={fetching}
      >
        Refresh
      </button>
    </div>
  );
}

/** Labels as `name=value` chips that wrap. */
export function LabelChips({ labels }: { labels: [string, string][] }) {
  if (labels.length === 0) return null;
  return (
    <span className="label-chips">
      {labels.map(([name, value]) => (
        <span key={name} className="label-chip">
          <span className="label-chip__name">{name}=</span>
          {value}
        </span>
      ))}
    </span>
  );
}

export interface ListGroupProps {
  title: string;
  /** The group's figures beside its title, as `GroupFigure`s. */
  figures: ReactNode;
  children: ReactNode;
}

/** A titled group of rows inside a `list-table`. */
export function ListGroup({ title, figures, children }: ListGroupProps) {
  return (
    <div role="rowgroup" className="list-table__group">
      <div role="row" className="list-table__group-head">
        <span role="rowheader" className="list-table__group-title">
          {title}
        </span>
        <span role="cell" className="list-table__group-figures">
          {figures}
        </span>
      </div>
      {children}
    </div>
  );
}

export interface GroupFigureProps {
  tone: Tone;
  shape?: MarkShape;
  children: ReactNode;
}

export function GroupFigure({ tone, shape, children }: GroupFigureProps) {
  return (
    <span className={`list-table__group-figure tone--${tone}`}>
      <ToneMark shape={shape} />
      {children}
    </span>
  );
}
