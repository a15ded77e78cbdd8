/**
 * Password hashing with Argon2id. The parameters follow OWASP's minimum for Argon2id (19 MiB, two
 * passes, one lane): strong enough for an account store, quick enough that a sign-in stays under a
 * tenth of a second on a small server.
 */
import { hash, verify } from '@node-rs/argon2';

const argon2Options = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** A malformed stored hash counts as a wrong password, not an error the caller must catch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
