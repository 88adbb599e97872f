import { createHash, randomBytes } from 'node:crypto';

/** A new bearer secret: `tw_` + 32 random bytes in base64url. Shown once, stored hashed. */
export function generateToken(): string {
  return `tw_${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of a token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
