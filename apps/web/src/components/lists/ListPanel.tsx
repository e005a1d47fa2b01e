import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PanelState } from '../PanelState.tsx';

export interface ListPanelProps<T> {
  title: string;
  /** The full page the panel summarises, linked from its header. */
  to: string;
  linkText: string;
  testId: string;
  query: UseQueryResult<T>;
  refreshMs: number;
  children: (data: T) => ReactNode;
}

/** The frame of the overview's targets and alerts panels: title, a link to the page, states. */
export function ListPanel<T>({ title, to, linkText, testId, query, refreshMs, children }: ListPanelProps<T>) {
  return (
    <section className="panel list-panel" data-testid={testId}>
      <header className="list-panel__head">
        <h2 className="panel__title">{title}</h2>
        <Link to={to} className="text-link list-panel__link">
          {linkText}
        </Link>
      </header>
      <PanelState query={query} refreshMs={refreshMs}>
        {children}
      </PanelState>
    </section>
  );
}
