/**
 * Signing in and out, registering, and what people change on their own account. Every sign-in
 * starts a new session (the old token, if any, stays valid only until its own logout or expiry).
 */
import { Hono } from 'hono';
import {
  accountDeletionBody,
  passwordChangeBody,
  profileBody,
  registrationBody,
  signInBody,
} from '../../shared/api/accounts';
import { rateLimiter, clientAddress, enforceRateLimits } from '../http/rate-limit';
import { requireViewer, type AppContext, type AppEnv } from '../http/context';
import { parseBody } from '../http/validate';
import { notSignedIn } from '../errors';
import { invitationRoutes } from './invitation-routes';
import { passwordResetRoutes } from './password-reset-routes';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { createSession, invalidateSession, invalidateUserSessions } from './sessions';
import { authenticate, confirmPassword } from './sign-in';
import { otherSessionIds } from './session-list';
import {
  createUser,
  deleteUser,
  findUserById,
  membershipsOf,
  publicUser,
  setDisplayName,
  setPassword,
} from './users';

const registrationsPerAddress = { attempts: 60, windowMs: 60 * 60_000 };

function signIn(c: AppContext, userId: string) {
  const { token, session } = createSession(c.get('deps').db, userId);
  setSessionCookie(c, token, session.expiresAt);
  return session;
}

function me(c: AppContext, userId: string) {
  const { db } = c.get('deps');
  const user = findUserById(db, userId);
  if (!user) throw notSignedIn();
  return { user: publicUser(user), memberships: membershipsOf(db, userId) };
}

/** The signed-in user's stored row; a session outliving its account counts as signed out. */
function currentUser(c: AppContext) {
  const viewer = requireViewer(c);
  const user = findUserById(c.get('deps').db, viewer.user.id);
  if (!user) throw notSignedIn();
  return { viewer, user };
}

export const accountRoutes = new Hono<AppEnv>()
  .post('/session', async (c) => {
    const deps = c.get('deps');
    const credentials = await parseBody(c, signInBody);
    const user = await authenticate(c, deps, credentials);
    signIn(c, user.id);
    deps.logger.child({ module: 'accounts' }).info({ userId: user.id }, 'signed in');
    return c.json(me(c, user.id));
  })
  .delete('/session', (c) => {
    const viewer = c.get('viewer');
    const deps = c.get('deps');
    if (viewer) {
      invalidateSession(deps.db, viewer.session.id);
      deps.collaboration.closeSessionSockets(viewer.session.id);
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .post('/accounts', async (c) => {
    const deps = c.get('deps');
    const byAddress = rateLimiter(deps, 'registration:address', registrationsPerAddress);
    const address = clientAddress(c);
    enforceRateLimits(c, [[byAddress, address]]);

    const account = await parseBody(c, registrationBody);
    byAddress.record(address);
    const user = await createUser(deps.db, account);
    signIn(c, user.id);
    deps.logger.child({ module: 'accounts' }).info({ userId: user.id }, 'registered');
    return c.json(me(c, user.id), 201);
  })
  .get('/me', (c) => c.json(me(c, requireViewer(c).user.id)))
  .patch('/me', async (c) => {
    const { user } = currentUser(c);
    const { displayName } = await parseBody(c, profileBody);
    setDisplayName(c.get('deps').db, user.id, displayName);
    return c.json(me(c, user.id));
  })
  .put('/me/password', async (c) => {
    const deps = c.get('deps');
    const { viewer, user } = currentUser(c);
    const body = await parseBody(c, passwordChangeBody);
    await confirmPassword(c, deps, user, body.currentPassword, 'currentPassword');

    await setPassword(deps.db, user.id, body.newPassword);
    // Whoever else knew the old password is signed out everywhere; this browser stays signed in.
    for (const sessionId of otherSessionIds(deps.db, user.id, viewer.session.id)) {
      invalidateSession(deps.db, sessionId);
      deps.collaboration.closeSessionSockets(sessionId);
    }
    return c.body(null, 204);
  })
  .delete('/me', async (c) => {
    const deps = c.get('deps');
    const { user } = currentUser(c);
    const { password } = await parseBody(c, accountDeletionBody);
    await confirmPassword(c, deps, user, password, 'password');

    invalidateUserSessions(deps.db, user.id);
    deleteUser(deps.db, user.id);
    deps.collaboration.closeUserSockets(user.id);
    clearSessionCookie(c);
    deps.logger.child({ module: 'accounts' }).info({ userId: user.id }, 'account deleted');
    return c.body(null, 204);
  })
  .route('/', invitationRoutes)
  .route('/', passwordResetRoutes);
