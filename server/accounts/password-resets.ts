/**
 * One-time password-reset links, issued by an administrator or a coordinator for someone who forgot
 * their password. The link is handed over in person or by message; Birga sends no email.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { mayPerform } from '../../shared/roles';
import type { SignedIn } from './sessions';
import { DomainError } from '../errors';
import type { BirgaDatabase } from '../storage/database';
import { newToken } from '../storage/ids';
import { passwordResets } from '../storage/schema';
import { rolesInTerritory } from '../strategies/access';
import { hashToken } from './sessions';
import { membershipsOf, type UserRecord } from './users';

export const passwordResetLifetimeMs = 24 * 60 * 60 * 1000;
const tokenPattern = /^[a-z2-7]{20,64}$/;

export const passwordResetInvalid = () =>
  new DomainError({
    status: 404,
    code: 'password_reset_invalid',
    message: 'This password reset link is not valid: it was used or has expired.',
  });

/**
 * An administrator may reset anyone's password. A coordinator may reset it only when every role the
 * person holds lies within the coordinator's own territories, and never an administrator's:
 * otherwise a mahalla coordinator could take over a city coordinator's account and its rights.
 */
export function mayIssuePasswordReset(
  db: BirgaDatabase,
  issuer: SignedIn,
  target: UserRecord,
): boolean {
  if (issuer.user.isAdmin) return true;
  if (target.isAdmin || target.id === issuer.user.id) return false;
  const memberships = membershipsOf(db, target.id);
  if (memberships.length === 0) return false;
  return memberships.every((membership) =>
    mayPerform(
      'issuePasswordReset',
      rolesInTerritory(db, issuer.user.id, membership.territoryCode),
    ),
  );
}

export function createPasswordReset(
  db: BirgaDatabase,
  reset: { userId: string; createdBy: string },
): { token: string; expiresAt: number } {
  const token = newToken();
  const expiresAt = Date.now() + passwordResetLifetimeMs;
  db.insert(passwordResets)
    .values({
      tokenHash: hashToken(token),
      userId: reset.userId,
      createdBy: reset.createdBy,
      expiresAt,
    })
    .run();
  return { token, expiresAt };
}

export function findOpenPasswordReset(db: BirgaDatabase, token: string) {
  if (!tokenPattern.test(token)) return undefined;
  const row = db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)))
    .get();
  if (!row || row.usedAt !== null || row.expiresAt <= Date.now()) return undefined;
  return row;
}

/** Only an unused row matches, so one link cannot set two passwords. */
export function usePasswordReset(db: BirgaDatabase, tokenHash: string): boolean {
  const result = db
    .update(passwordResets)
    .set({ usedAt: Date.now() })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt)))
    .run();
  return result.changes > 0;
}
