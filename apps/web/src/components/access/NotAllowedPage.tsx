import { ROLE_PURPOSES, type Role } from '@promwall/core/auth';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiUrl } from '../../api/client.ts';
import { signOut } from '../../api/session.ts';
import './access.css';

export interface NotAllowedPageProps {
  principal: { name: string; role: Role };
  needs: Role;
  /** What was asked for, e.g. "Explore". */
  what: string;
}

/** Signed in, but with a token whose role does not open this page. */
export function NotAllowedPage({ principal, needs, what }: NotAllowedPageProps) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const switchToken = async () => {
    setBusy(true);
    try {
      await signOut();
      await client.invalidateQueries();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="access-page access-page--page" data-testid="not-allowed" aria-labelledby="not-allowed-title">
      <div className="access-page__card">
        <h1 id="not-allowed-title" className="access-page__title">
          Not allowed
        </h1>
        <p className="access-page__text">
          You are signed in as <strong>{principal.name}</strong>, a {principal.role} token (
          {ROLE_PURPOSES[principal.role]}
          ). {what} needs a {needs} token.
        </p>
        <div className="access-page__actions">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void switchToken()}>
            Sign in with another token
          </button>
          {principal.role === 'kiosk' && (
            // A wall is a document of its own, as a kiosk browser opens it.
            <a className="button" href={apiUrl('/tv')}>
              Open the TV wall
            </a>
          )}
        </div>
      </div>
    </section>
  );
}
