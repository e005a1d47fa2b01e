import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { renderApp, renderInRouter } from '../../testing/renderApp.tsx';

/** An answer made on each request, for one that is not a 200 with a JSON body, or that depends on the request. */
export type AnswerFn = (init?: RequestInit) => Response;

/** The API's error answer, as its error handler writes it. */
export const apiError =
  (status: number, code: string, message: string): AnswerFn =>
  () =>
    new Response(JSON.stringify({ error: { code, message } }), { status });

/** Stubs fetch with the API's answers by path; anything else is the API's 404. */
function stubApi(answers: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (requested: string, init?: RequestInit) => {
      const { pathname } = new URL(requested, 'http://promwall.test');
      const json = (body: unknown) => new Response(JSON.stringify(body));
      if (!(pathname in answers)) return apiError(404, 'not_found', `no route ${pathname}`)();
      const answer = answers[pathname];
      return typeof answer === 'function' ? (answer as AnswerFn)(init) : json(answer);
    }),
  );
}

/** The app at `url` (a page, through the route table) against stubbed API answers. For component tests only. */
export function renderPageWithApi(url: string, answers: Record<string, unknown>) {
  stubApi(answers);
  return renderApp(url);
}

/** One component against stubbed API answers. For component tests only. */
export function renderWithApi(element: ReactElement, answers: Record<string, unknown>) {
  stubApi(answers);
  return renderInRouter(element);
}
