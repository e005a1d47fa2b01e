// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navEntries } from './routes.tsx';
import { renderApp } from './testing/renderApp.tsx';

afterEach(() => {
  cleanup();
});

describe('navEntries', () => {
  it('lists the pages of the table in its order, the wall as a page load of its own', () => {
    expect(navEntries().map(({ to, title, nav }) => `${title} ${to} ${nav}`)).toEqual([
      'Overview / app',
      'Explore /explore app',
      'Targets /targets app',
      'Alerts /alerts app',
      'History /history app',
      'TV /tv document',
    ]);
  });
});

describe('the route table', () => {
  it('answers an unknown path with the not-found page inside the shell, titled', async () => {
    renderApp('/nope/deeper');

    expect(await screen.findByText('Promwall has no page at /nope/deeper.')).toBeTruthy();
    expect(screen.getByTestId('app-shell')).toBeTruthy();
    await vi.waitFor(() => expect(document.title).toBe('Page not found · Promwall'));
  });

  it('leaves a page out of the top bar when the server lacks what it needs', async () => {
    renderApp('/');

    await screen.findAllByRole('link', { name: 'Targets' });
    expect(screen.queryByRole('link', { name: 'History' })).toBeNull();
  });

  it('links the top bar to every page, none marked current outside them', async () => {
    renderApp('/nope');

    const links = await screen.findAllByRole('link', { name: /^(Overview|Explore|Targets|Alerts|TV)$/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/', '/explore', '/targets', '/alerts', '/tv']);
    expect(links.filter((link) => link.getAttribute('aria-current') === 'page')).toHaveLength(0);
  });
});
