/**
 * One-time invitation links that give a role in a territory. Only the token's SHA-256 is stored, as
 * for sessions; a link works until it is used, revoked or fourteen days old.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Role } from '../../shared/roles';
import { isRole } from '../../shared/roles';
import type { Invitation } from '../../shared/api/members';
import { DomainError } from '../errors';
import type { BirgaDatabase } from '../storage/database';
import { newId, newToken } from '../storage/ids';
import { invitations } from '../storage/schema';
import { hashToken } from './sessions';

export const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;
const tokenPattern = /^[a-z2-7]{20,64}$/;

type InvitationRow = typeof invitations.$inferSelect;

/** Used, revoked, expired and unknown links all answer alike: the link says nothing more. */
export const invitationInvalid = () =>
  new DomainError({
    status: 404,
    code: 'invitation_invalid',
    message: 'This invitation link is not valid: it was used, withdrawn, or has expired.',
  });

export const invitationForOtherAddress = () =>
  new DomainError({
    status: 403,
    code: 'invitation_for_other_address',
    message: 'This invitation was made for another email address; sign in with that one.',
  });

/**
 * Enough of the invited address for its owner to recognise it (d***@navbahor.example), not
 * enough for whoever holds the link to learn who was invited.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

export function invitationJson(row: InvitationRow & { role: Role }): Invitation {
  return {
    id: row.id,
    territoryCode: row.territoryCode,
    role: row.role,
    email: row.email,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}

export function createInvitation(
  db: BirgaDatabase,
  invitation: { territoryCode: string; role: Role; email?: string; createdBy: string },
): { token: string; invitation: Invitation } {
  const token = newToken();
  const row = db
    .insert(invitations)
    .values({
      id: newId(),
      tokenHash: hashToken(token),
      territoryCode: invitation.territoryCode,
      role: invitation.role,
      email: invitation.email ?? null,
      createdBy: invitation.createdBy,
      expiresAt: Date.now() + invitationLifetimeMs,
    })
    .returning()
    .get();
  return { token, invitation: invitationJson({ ...row, role: invitation.role }) };
}

export function openInvitations(db: BirgaDatabase, territoryCode: string): Invitation[] {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.territoryCode, territoryCode),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, Date.now()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .all()
    .filter((row): row is InvitationRow & { role: Role } => isRole(row.role))
    .map(invitationJson);
}

export function findInvitationById(db: BirgaDatabase, id: string): InvitationRow | undefined {
  return db.select().from(invitations).where(eq(invitations.id, id)).get();
}

/** The invitation a link names, if it can still be used. */
export function findOpenInvitation(
  db: BirgaDatabase,
  token: string,
): (InvitationRow & { role: Role }) | undefined {
  if (!tokenPattern.test(token)) return undefined;
  const row = db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
  if (!row || row.usedAt !== null || row.expiresAt <= Date.now() || !isRole(row.role))
    return undefined;
  return row as InvitationRow & { role: Role };
}

/**
 * Marks the invitation used by this user. The update only matches an unused row, so two people
 * racing to accept one link cannot both succeed.
 */
export function useInvitation(db: BirgaDatabase, id: string, userId: string): boolean {
  const result = db
    .update(invitations)
    .set({ usedAt: Date.now(), usedBy: userId })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt)))
    .run();
  return result.changes > 0;
}

/** A revoked invitation is removed: nothing about it is worth keeping. */
export function revokeInvitation(db: BirgaDatabase, id: string): void {
  db.delete(invitations).where(eq(invitations.id, id)).run();
}
