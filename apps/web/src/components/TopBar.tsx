import { Link, NavLink } from 'react-router';
import { FEATURES } from '../features.ts';
import { navEntries } from '../routes.tsx';
import { BoardsMenu } from './BoardsMenu.tsx';
import { SessionControls } from './SessionControls.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { Wordmark } from './Wordmark.tsx';

export function TopBar() {
  // Read at render, not at load: the table imports the shell that holds this bar.
  const nav = navEntries().filter((page) => page.requires === undefined || FEATURES.has(page.requires));
  return (
    <header className="top-bar">
      <Link to="/" className="top-bar__home" aria-label="Promwall overview">
        <Wordmark />
      </Link>
      <nav className="top-bar__nav" aria-label="Main">
        {nav.map((page) => (
          <NavLink key={page.to} to={page.to} end reloadDocument={page.nav === 'document'} className="top-bar__link">
            {page.title}
          </NavLink>
        ))}
      </nav>
      <BoardsMenu />
      <div className="top-bar__end">
        <SessionControls />
        <ThemeToggle />
      </div>
    </header>
  );
}
