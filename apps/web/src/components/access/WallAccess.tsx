import { Outlet } from 'react-router';
import { AccessGate } from './AccessGate.tsx';

/** The wall and embeds need a kiosk token, or better, when Promwall asks for one. */
export function WallAccess() {
  return (
    <AccessGate needs="kiosk" variant="wall" what="The TV wall" checking={null}>
      <Outlet />
    </AccessGate>
  );
}
