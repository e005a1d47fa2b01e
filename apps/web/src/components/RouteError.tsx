import { isRouteErrorResponse, useRouteError } from 'react-router';

function messageOf(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A route's failure (its code did not load, or it failed to render) in the route's own frame:
 * a page's failure keeps the top bar, and leaving the page clears it.
 */
export function RouteError() {
  const error = useRouteError();
  return (
    <section className="panel panel--error" role="alert">
      <h2 className="panel__title">This page failed to render</h2>
      <p className="panel__text">{messageOf(error)}</p>
    </section>
  );
}
