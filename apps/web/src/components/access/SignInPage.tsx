import { ROLE_PURPOSES, ROLES, TOKEN_PARAM } from '@promwall/core/auth';
import { SignInForm } from './SignInForm.tsx';
import './access.css';

export interface SignInPageProps {
  /** `wall`: a kiosk screen, where the usual way in is a link that carries the token. */
  variant: 'page' | 'wall';
}

/** Promwall asks for an access token and the browser holds none that is valid. */
export function SignInPage({ variant }: SignInPageProps) {
  return (
    <section className={`access-page access-page--${variant}`} data-testid="sign-in" aria-labelledby="sign-in-title">
      <div className="access-page__card">
        <h1 id="sign-in-title" className="access-page__title">
          {variant === 'wall' ? 'This wall needs an access token' : 'Sign in to Promwall'}
        </h1>
        <p className="access-page__text">
          {variant === 'wall' ? (
            <>
              Open this page once with <code>?{TOKEN_PARAM}=</code> and a kiosk token at the end of its address: the
              browser keeps the token, and the address is cleaned. Or paste the token here.
            </>
          ) : (
            'This Promwall asks for an access token. Paste yours to sign in; the browser keeps it for this site.'
          )}
        </p>
        <SignInForm />
        <dl className="access-page__roles">
          {ROLES.map((role) => (
            <div key={role}>
              <dt>{role}</dt>
              <dd>{ROLE_PURPOSES[role]}</dd>
            </div>
          ))}
        </dl>
        <p className="access-page__hint">
          An administrator makes tokens with
          <code>
            npm run token -- {variant === 'wall' ? '--role kiosk --name lobby-tv' : '--role viewer --name your-name'}
          </code>
        </p>
      </div>
    </section>
  );
}
