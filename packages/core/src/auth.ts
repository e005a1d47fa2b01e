// Kept apart from the zod schemas: the TV wall needs these names, not the validation code.

/** Access roles, each allowed what the one before it is, and more. */
export const ROLES = ['kiosk', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a token of role `held` may do what needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** What each role is for, as the sign-in and not-allowed pages say it. */
export const ROLE_PURPOSES: Record<Role, string> = {
  kiosk: 'TV walls and embeds',
  viewer: 'every page, read-only',
  admin: 'every page, and silences',
};

/** The page URL parameter a wall that cannot send headers carries its token in, once. */
export const TOKEN_PARAM = 'token';

/** A token's name: in the configuration, as a silence's author, in the logs. */
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Bounds of a silence made from the Alerts page, checked by the API and by the form. */
export const SILENCE_LIMITS = {
  minDurationMs: 60_000,
  maxDurationMs: 90 * 86_400_000,
  maxMatchers: 32,
  maxCommentLength: 1_000,
} as const;

/** The durations the Alerts page offers for a silence. */
export const SILENCE_DURATIONS = ['1h', '2h', '4h', '8h', '1d', '3d', '1w'] as const;
