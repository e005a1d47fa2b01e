import { PAGES } from '../siteMap.ts';
import { Link } from '../router.tsx';
import { BoardsMenu } from './BoardsMenu.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { Wordmark } from './Wordmark.tsx';

export interface TopBarProps {
  currentPath: string | undefined;
}

export function TopBar({ currentPath }: TopBarProps) {
  return (
    <header className="top-bar">
      <Link to="/" className="top-bar__home" aria-label="Promwall overview">
        <Wordmark />
      </Link>
      <nav className="top-bar__nav" aria-label="Main">
        {PAGES.map((page) =>
          // The wall is a page of its own for a kiosk browser: a full load, not an in-app move.
          page.path === '/tv' ? (
            <a key={page.path} href={page.path} className="top-bar__link">
              {page.title}
            </a>
          ) : (
            <Link
              key={page.path}
              to={page.path}
              className="top-bar__link"
              aria-current={page.path === currentPath ? 'page' : undefined}
            >
              {page.title}
            </Link>
          ),
        )}
      </nav>
      <BoardsMenu currentPath={currentPath} />
      <div className="top-bar__end">
        <ThemeToggle />
      </div>
    </header>
  );
}
