import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';

/** An answer made on each request, for one that is not a 200 with a JSON body. */
export type AnswerFn = () => Response;

/** The API's error answer, as its error handler writes it. */
export const apiError =
  (status: number, code: string, message: string): AnswerFn =>
  () =>
    new Response(JSON.stringify({ error: { code, message } }), { status });

/**
 * Stubs fetch with the API's answers by path (anything else is the API's 404) and renders the
 * element with a fresh query client that does not retry. For component tests only.
 */
export function renderWithApi(element: ReactElement, answers: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const { pathname } = new URL(url, 'http://promwall.test');
      const json = (body: unknown) => new Response(JSON.stringify(body));
      if (!(pathname in answers)) return apiError(404, 'not_found', `no route ${pathname}`)();
      const answer = answers[pathname];
      return typeof answer === 'function' ? (answer as AnswerFn)() : json(answer);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{element}</QueryClientProvider>);
}
