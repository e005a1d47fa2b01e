import { useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionQuery, signOut } from '../api/session.ts';

/** Whose token this browser holds, and the way out, when Promwall asks for tokens. */
export function SessionControls() {
  const client = useQueryClient();
  const { data } = useQuery(sessionQuery());
  if (!data?.authRequired || !data.principal) return null;
  const { name, role } = data.principal;
  return (
    <>
      <span className="top-bar__who" data-testid="signed-in-as" title={`Signed in with the ${role} token ${name}`}>
        {name} · {role}
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => void signOut().then(() => client.invalidateQueries())}
      >
        Sign out
      </button>
    </>
  );
}
