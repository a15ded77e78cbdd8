/**
 * Sessions as the Lucia session guide describes them: the cookie holds a random token, the database
 * only its SHA-256, and a session in its second half of life is extended on use (sliding expiry).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { newToken } from '../storage/ids';
import { preparedPerConnection } from '../storage/prepared';
import { sessions, users } from '../storage/schema';

export const SESSION_COOKIE = 'birga_session';
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
const renewWhenLeftMs = sessionLifetimeMs / 2;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

export interface SignedIn {
  session: Session;
  user: SessionUser;
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(
  db: BirgaDatabase,
  userId: string,
): { token: string; session: Session } {
  const token = newToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    expiresAt: Date.now() + sessionLifetimeMs,
  };
  db.insert(sessions).values(session).run();
  return { token, session };
}

/** Every signed-in request reads its session. */
function prepareSessionLookup(db: BirgaDatabase) {
  return db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
      },
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        isAdmin: users.isAdmin,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
}

const sessionLookup = preparedPerConnection(prepareSessionLookup);

export function validateSessionToken(db: BirgaDatabase, token: string): SignedIn | null {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const id = hashToken(token);
  const row = sessionLookup(db).get({ id });
  if (!row) return null;

  const now = Date.now();
  if (now >= row.session.expiresAt) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (now >= row.session.expiresAt - renewWhenLeftMs) {
    row.session.expiresAt = now + sessionLifetimeMs;
    db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id)).run();
  }
  return row;
}

export function invalidateSession(db: BirgaDatabase, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: BirgaDatabase, userId: string): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | undefined | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}
