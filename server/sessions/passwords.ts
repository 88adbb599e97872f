import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id: the library's enum is a const enum, which isolated modules cannot import.
const ARGON2ID = 2;
import { invalidInput } from '../core/errors.ts';

/**
 * Passwords are stored as argon2id hashes (PHC strings, salt included) with the library's
 * defaults, which are OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so that an unknown email takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('twinward decoy password, never valid');
  return decoy;
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Length is what makes a password strong (NIST SP 800-63B): at least 12 characters, not the email. */
export function checkPasswordRules(password: string, email: string, field = 'body.password'): void {
  if ([...password].length < PASSWORD_MIN) throw invalidInput(field, `must be at least ${PASSWORD_MIN} characters`);
  if (password.toLowerCase() === email.toLowerCase()) throw invalidInput(field, 'must not be the email address');
}
