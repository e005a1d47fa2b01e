import { HealthPanel } from '../components/HealthPanel';
import { PageHeader } from '../components/PageHeader';
import type { PageInfo } from '../siteMap';

export interface OverviewPageProps {
  page: PageInfo;
}

export function OverviewPage({ page }: OverviewPageProps) {
  return (
    <>
      <PageHeader title={page.title} description={page.description} />
      <div className="panel-grid">
        <HealthPanel />
      </div>
    </>
  );
}
