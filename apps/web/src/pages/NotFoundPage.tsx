import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';

export function NotFoundPage() {
  const { pathname } = useLocation();
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
