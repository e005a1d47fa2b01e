/**
 * PostgreSQL advisory locks Promwall takes, as (class, object) pairs: the two-integer form never
 * collides with an application's single-bigint advisory locks on a shared database.
 */
const PROMWALL = 0x70776c6c; // 'pwll'

export const LOCKS = {
  /** Held while the schema is migrated, so that replicas starting together take turns. */
  migrations: [PROMWALL, 1] as [number, number],
  /** Held for as long as a replica is the one that records history. */
  recorder: [PROMWALL, 2] as [number, number],
};
