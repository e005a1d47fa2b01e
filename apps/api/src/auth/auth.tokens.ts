import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@promwall/core/auth';
import type { AuthConfig } from '../config.ts';

/** Whose token a request carried. */
export interface Principal {
  name: string;
  role: Role;
}

/** Longer presented tokens are refused unhashed: a token is 46 characters, a header up to 16 KB. */
const MAX_TOKEN_LENGTH = 512;

/**
 * A new access token: 32 random bytes in base64url, behind a prefix that people and secret
 * scanners recognise.
 */
export function newToken(): string {
  return `pw_${randomBytes(32).toString('base64url')}`;
}

/**
 * How the configuration stores a token. SHA-256 rather than a slow password hash: a token is
 * 256 random bits, which no dictionary holds and no brute force reaches, so the fast hash loses
 * nothing and every request can be checked without a cache of verified tokens.
 */
export function hashToken(token: string): string {
  return `sha256:${sha256(token).toString('hex')}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The configured tokens, and the one check of a presented token against them. */
export class TokenVerifier {
  private readonly tokens: { principal: Principal; digest: Buffer }[];

  constructor(tokens: AuthConfig['tokens']) {
    this.tokens = tokens.map(({ name, role, hash }) => ({
      principal: { name, role },
      digest: Buffer.from(hash.slice('sha256:'.length), 'hex'),
    }));
  }

  /** Auth is on as soon as one token is configured. */
  get enabled(): boolean {
    return this.tokens.length > 0;
  }

  /**
   * The principal whose token this is, or undefined. Every configured digest is compared, each in
   * constant time, so that neither the answer's timing nor a partial match tells anything.
   */
  verify(token: string): Principal | undefined {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
    const digest = sha256(token);
    let found: Principal | undefined;
    for (const candidate of this.tokens) {
      if (timingSafeEqual(candidate.digest, digest)) found ??= candidate.principal;
    }
    return found;
  }
}
