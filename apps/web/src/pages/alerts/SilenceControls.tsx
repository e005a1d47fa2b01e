import { SILENCE_DURATIONS } from '@promwall/core/auth';
import type { Alert, Silence } from '@promwall/core/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { createSilence, expireSilence } from '../../api/silences.ts';
import { draftFor, draftProblem, silenceRequestOf, type SilenceDraft } from './silenceDraft.ts';
import './silences.css';

/** After a change in Alertmanager, every alerts view asks again: the API shows it at once. */
function useAlertsChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['alerts'] });
}

/** An admin's way to silence one alert from its row: a button, then the form under it. */
export function SilenceControls({ alert, author }: { alert: Alert; author: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="silence-controls">
        <button type="button" className="button button--small button--quiet" onClick={() => setOpen(true)}>
          Silence…
        </button>
      </div>
    );
  }
  return <SilenceForm alert={alert} author={author} onClose={() => setOpen(false)} />;
}

function SilenceForm({ alert, author, onClose }: { alert: Alert; author: string; onClose: () => void }) {
  const [draft, setDraft] = useState<SilenceDraft>(() => draftFor(alert));
  const [tried, setTried] = useState(false);
  const changed = useAlertsChanged();
  const create = useMutation({
    mutationFn: createSilence,
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  const ids = { duration: useId(), comment: useId() };
  const problem = draftProblem(draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!problem) create.mutate(silenceRequestOf(draft));
  };
  const toggle = (name: string) =>
    setDraft({
      ...draft,
      chosen: draft.chosen.includes(name) ? draft.chosen.filter((chosen) => chosen !== name) : [...draft.chosen, name],
    });

  return (
    <form className="silence-form" aria-label={`Silence ${alert.name}`} onSubmit={submit}>
      <fieldset className="silence-form__matchers">
        <legend className="field__label">Alerts with these labels</legend>
        {draft.labels.map(([name, value]) => (
          <label key={name} className="silence-form__matcher">
            <input type="checkbox" checked={draft.chosen.includes(name)} onChange={() => toggle(name)} />
            <code>
              {name}=&quot;{value}&quot;
            </code>
          </label>
        ))}
      </fieldset>
      <div className="silence-form__line">
        <label className="field" htmlFor={ids.duration}>
          <span className="field__label">For</span>
          <select
            id={ids.duration}
            value={draft.duration}
            onChange={(event) => setDraft({ ...draft, duration: event.target.value })}
          >
            {SILENCE_DURATIONS.map((duration) => (
              <option key={duration} value={duration}>
                {duration}
              </option>
            ))}
          </select>
        </label>
        <label className="field silence-form__comment" htmlFor={ids.comment}>
          <span className="field__label">Why</span>
          <input
            id={ids.comment}
            value={draft.comment}
            placeholder="e.g. replacing the disk, back by 16:00"
            onChange={(event) => setDraft({ ...draft, comment: event.target.value })}
          />
        </label>
      </div>
      <div className="silence-form__line">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Silencing…' : `Silence for ${draft.duration}`}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
        <span className="silence-form__author">as {author}</span>
      </div>
      {tried && problem && (
        <p className="silence-form__problem" role="alert">
          {problem}
        </p>
      )}
      {create.error && (
        <p className="silence-form__problem" role="alert">
          Not silenced: {create.error.message}
        </p>
      )}
    </form>
  );
}

/** An admin's Expire beside a silence: it ends now in Alertmanager. */
export function ExpireSilence({ silence }: { silence: Silence }) {
  const changed = useAlertsChanged();
  const expire = useMutation({ mutationFn: expireSilence, onSuccess: changed });
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={expire.isPending}
        onClick={() => expire.mutate(silence.id)}
      >
        {expire.isPending ? 'Expiring…' : 'Expire'}
      </button>
      {expire.error && (
        <span className="silence-form__problem" role="alert">
          Not expired: {expire.error.message}
        </span>
      )}
    </>
  );
}
