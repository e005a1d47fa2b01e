// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderPageWithApi } from '../lists/testing.tsx';
// Loaded up front, so that their lazy routes resolve at once.
import '../../pages/explore/ExplorePage.tsx';
import '../../pages/tv/TvPage.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const session = (principal: { name: string; role: string } | null, authRequired = true) => ({
  authRequired,
  principal,
});

describe('a page when Promwall asks for tokens', () => {
  it('shows the sign-in page to a browser without one', async () => {
    renderPageWithApi('/nope', { '/api/v1/session': session(null) });

    const signIn = await screen.findByTestId('sign-in');
    expect(within(signIn).getByRole('heading').textContent).toBe('Sign in to Promwall');
    expect(screen.queryByText(/Promwall has no page/)).toBeNull();
  });

  it('signs in with the pasted token as a Bearer header, then shows the page', async () => {
    let signedIn = false;
    const sent: (string | null)[] = [];
    renderPageWithApi('/nope', {
      '/api/v1/session': (init?: RequestInit) => {
        if (init?.method === 'POST') {
          sent.push(new Headers(init.headers).get('Authorization'));
          signedIn = true;
          return new Response(null, { status: 204 });
        }
        return new Response(JSON.stringify(session(signedIn ? { name: 'sre-laptop', role: 'viewer' } : null)));
      },
    });

    const input = await screen.findByLabelText('Access token');
    fireEvent.change(input, { target: { value: '  pw_pasted-token \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Promwall has no page at /nope.')).toBeTruthy();
    expect(sent).toEqual(['Bearer pw_pasted-token']);
    expect(screen.getByTestId('signed-in-as').textContent).toBe('sre-laptop · viewer');
  });

  it('says so when the token is not valid', async () => {
    renderPageWithApi('/nope', {
      '/api/v1/session': (init?: RequestInit) =>
        init?.method === 'POST'
          ? apiError(401, 'unauthorized', 'The access token is not valid')()
          : new Response(JSON.stringify(session(null))),
    });

    fireEvent.change(await screen.findByLabelText('Access token'), { target: { value: 'pw_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/^This token is not valid/);
  });

  it('tells a kiosk token that a page needs a viewer token', async () => {
    renderPageWithApi('/explore', { '/api/v1/session': session({ name: 'lobby-tv', role: 'kiosk' }) });

    const page = await screen.findByTestId('not-allowed');
    expect(page.textContent).toContain('You are signed in as lobby-tv, a kiosk token (TV walls and embeds).');
    expect(page.textContent).toContain('Explore needs a viewer token.');
    expect(within(page).getByRole('link', { name: 'Open the TV wall' }).getAttribute('href')).toBe('/tv');
  });

  it('asks for nothing when Promwall asks for no token', async () => {
    renderPageWithApi('/nope', { '/api/v1/session': session(null, false) });

    expect(await screen.findByText('Promwall has no page at /nope.')).toBeTruthy();
    expect(screen.queryByTestId('signed-in-as')).toBeNull();
  });

  it('opens the page when the session cannot be asked, leaving refusals to the API', async () => {
    renderPageWithApi('/nope', { '/api/v1/session': apiError(502, 'upstream_failed', 'down') });

    expect(await screen.findByText('Promwall has no page at /nope.')).toBeTruthy();
  });
});

describe('the wall when Promwall asks for tokens', () => {
  it('says how to give it one: a ?token= link, or pasting it', async () => {
    renderPageWithApi('/tv', { '/api/v1/session': session(null) });

    const signIn = await screen.findByTestId('sign-in');
    expect(within(signIn).getByRole('heading').textContent).toBe('This wall needs an access token');
    expect(signIn.textContent).toContain('?token=');
    expect(screen.queryByTestId('tv')).toBeNull();
  });
});
