/** The sessions of one user, for signing out the other browsers after a password change. */
import { and, eq, ne } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { sessions } from '../storage/schema';

export function otherSessionIds(
  db: BirgaDatabase,
  userId: string,
  keepSessionId: string,
): string[] {
  return db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .all()
    .map((row) => row.id);
}

export function sessionIdsOf(db: BirgaDatabase, userId: string): string[] {
  return db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((row) => row.id);
}
