import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { usePageHandle } from '../../pageHandle.ts';
import { PageHeader } from '../PageHeader.tsx';
import { PanelState } from '../PanelState.tsx';
import { UpdatedStatus } from './ListParts.tsx';

export interface ListPageProps<T> {
  query: UseQueryResult<T>;
  refreshMs: number;
  children: (data: T) => ReactNode;
}

/** The frame of the Targets and Alerts pages: title, freshness with a refresh button, states. */
export function ListPage<T>({ query, refreshMs, children }: ListPageProps<T>) {
  const page = usePageHandle();
  return (
    <div className="list-page">
      <div className="list-page__header">
        <PageHeader title={page.title} description={page.description} />
        <UpdatedStatus
          dataUpdatedAt={query.dataUpdatedAt}
          refreshMs={refreshMs}
          fetching={query.isFetching}
          onRefresh={() => void query.refetch()}
        />
      </div>
      <PanelState query={query} refreshMs={refreshMs}>
        {children}
      </PanelState>
    </div>
  );
}
