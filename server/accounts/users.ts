/**
 * The user store: accounts, their memberships, and the changes people make to their own account.
 * Emails arrive already trimmed and lower-cased by the schemas in shared/api/accounts.ts.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { isRole, type Role } from '../../shared/roles';
import type { Membership } from '../../shared/api/accounts';
import { conflict } from '../errors';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { memberships, users } from '../storage/schema';
import { hashPassword } from './passwords';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
  createdAt: number;
}

export function findUserByEmail(db: BirgaDatabase, email: string): UserRecord | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function findUserById(db: BirgaDatabase, id: string): UserRecord | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export async function createUser(
  db: BirgaDatabase,
  account: { email: string; password: string; displayName: string; isAdmin?: boolean },
): Promise<UserRecord> {
  if (findUserByEmail(db, account.email)) throw emailTaken();
  const passwordHash = await hashPassword(account.password);
  try {
    return db
      .insert(users)
      .values({
        id: newId(),
        email: account.email,
        displayName: account.displayName,
        passwordHash,
        isAdmin: account.isAdmin ?? false,
      })
      .returning()
      .get();
  } catch (error) {
    // Two registrations of one address can both pass the check above while the hash is computed.
    if (String(error).includes('UNIQUE')) throw emailTaken();
    throw error;
  }
}

const emailTaken = () =>
  conflict('email_taken', 'An account with this email already exists.', 'email');

export async function setPassword(db: BirgaDatabase, userId: string, password: string) {
  storePasswordHash(db, userId, await hashPassword(password));
}

/** For callers that hash first and then store inside a transaction of their own. */
export function storePasswordHash(db: BirgaDatabase, userId: string, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function promoteToAdmin(db: BirgaDatabase, userId: string): void {
  db.update(users).set({ isAdmin: true }).where(eq(users.id, userId)).run();
}

/**
 * Takes platform administration away unless this is the last administrator, in one statement so
 * that two revocations running at once cannot both pass the count and leave nobody in charge.
 */
export function demoteAdmin(
  db: BirgaDatabase,
  userId: string,
): 'demoted' | 'not_admin' | 'last_admin' {
  const user = findUserById(db, userId);
  if (!user?.isAdmin) return 'not_admin';
  const result = db
    .update(users)
    .set({ isAdmin: false })
    .where(
      and(
        eq(users.id, userId),
        sql`(select count(*) from ${users} where ${users.isAdmin} = 1) > 1`,
      ),
    )
    .run();
  return result.changes > 0 ? 'demoted' : 'last_admin';
}

export function setDisplayName(db: BirgaDatabase, userId: string, displayName: string): void {
  db.update(users).set({ displayName }).where(eq(users.id, userId)).run();
}

/** Sessions, memberships and password-reset links go with the account (foreign-key cascades). */
export function deleteUser(db: BirgaDatabase, userId: string): void {
  db.delete(users).where(eq(users.id, userId)).run();
}

export function membershipsOf(db: BirgaDatabase, userId: string): Membership[] {
  return db
    .select({ territoryCode: memberships.territoryCode, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.territoryCode), asc(memberships.role))
    .all()
    .filter((row): row is Membership => isRole(row.role));
}

/** Adds a role; holding it already is not an error, so accepting two invitations is harmless. */
export function grantMembership(
  db: BirgaDatabase,
  membership: { userId: string; territoryCode: string; role: Role },
): boolean {
  const result = db.insert(memberships).values(membership).onConflictDoNothing().run();
  return result.changes > 0;
}

export function revokeMembership(
  db: BirgaDatabase,
  membership: { userId: string; territoryCode: string; role: Role },
): boolean {
  const result = db
    .delete(memberships)
    .where(
      and(
        eq(memberships.userId, membership.userId),
        eq(memberships.territoryCode, membership.territoryCode),
        eq(memberships.role, membership.role),
      ),
    )
    .run();
  return result.changes > 0;
}

export function publicUser(user: Pick<UserRecord, 'id' | 'email' | 'displayName' | 'isAdmin'>) {
  return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin };
}
