import { roleAllows, type Role } from '@promwall/core/auth';
import type { Session } from '@promwall/core/schemas';

/** What a view shows, given the session: itself, the sign-in form, or why this token may not. */
export type AccessDecision = 'open' | 'checking' | 'sign-in' | 'not-allowed';

/**
 * Whether a view that needs `needs` opens. An unanswered session check does not close anything:
 * the API refuses what it must, and a wall whose API is down keeps its last values rather than a
 * sign-in form.
 */
export function accessDecision(
  session: { data?: Session | undefined; isPending: boolean; isError: boolean },
  needs: Role,
): AccessDecision {
  const { data } = session;
  if (!data) return session.isPending && !session.isError ? 'checking' : 'open';
  if (!data.authRequired) return 'open';
  if (!data.principal) return 'sign-in';
  return roleAllows(data.principal.role, needs) ? 'open' : 'not-allowed';
}
