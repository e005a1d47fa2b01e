import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { HttpError } from '../../api/client.ts';
import { signIn } from '../../api/session.ts';

/**
 * Paste a token, sign in. The token goes to the API once, as a header; the browser keeps it in an
 * HttpOnly cookie, out of this page's reach. Every query is asked again as the new holder.
 */
export function SignInForm() {
  const client = useQueryClient();
  const id = useId();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(token);
      setToken('');
      await client.invalidateQueries();
    } catch (error) {
      setProblem(
        error instanceof HttpError && error.status === 401
          ? 'This token is not valid. Check that it was copied whole, or ask for a new one.'
          : `Could not sign in: ${(error as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in-form" onSubmit={(event) => void submit(event)}>
      <label className="field sign-in-form__field" htmlFor={id}>
        <span className="field__label">Access token</span>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          placeholder="pw_…"
          onChange={(event) => setToken(event.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={busy || token.trim() === ''}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {problem && (
        <p className="sign-in-form__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
