import { PageHeader } from '../components/PageHeader.tsx';
import { Link } from '../router.tsx';

export interface NotFoundPageProps {
  pathname: string;
}

export function NotFoundPage({ pathname }: NotFoundPageProps) {
  return (
    <>
      <PageHeader title="Page not found" description={`Promwall has no page at ${pathname}.`} />
      <p>
        <Link to="/" className="text-link">
          Go to the overview
        </Link>
      </p>
    </>
  );
}
