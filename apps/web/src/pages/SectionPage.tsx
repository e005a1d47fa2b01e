import { PageHeader } from '../components/PageHeader.tsx';
import type { PageInfo } from '../siteMap.ts';

export interface SectionPageProps {
  page: PageInfo;
}

/** A page of the product that shows its name and purpose until its own view takes over. */
export function SectionPage({ page }: SectionPageProps) {
  return <PageHeader title={page.title} description={page.description} />;
}
