/**
 * Password-reset links: issued for a user by someone responsible for them, then opened by that
 * user to choose a new password. Using one signs the user out everywhere.
 */
import { Hono } from 'hono';
import { passwordResetBody } from '../../shared/api/accounts';
import { userParams } from '../../shared/api/params';
import { forbidden, notFound } from '../errors';
import { requireViewer, type AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { hashPassword } from './passwords';
import {
  createPasswordReset,
  findOpenPasswordReset,
  mayIssuePasswordReset,
  passwordResetInvalid,
  usePasswordReset,
} from './password-resets';
import { invalidateUserSessions } from './sessions';
import { findUserById, storePasswordHash } from './users';

export const passwordResetRoutes = new Hono<AppEnv>()
  .post('/users/:userId/password-resets', (c) => {
    const { userId } = parseParams(c, userParams);
    const viewer = requireViewer(c);
    const { db, config, logger } = c.get('deps');
    const target = findUserById(db, userId);
    if (!target) throw notFound('The user');
    if (!mayIssuePasswordReset(db, viewer, target)) throw forbidden();

    const { token, expiresAt } = createPasswordReset(db, { userId, createdBy: viewer.user.id });
    logger
      .child({ module: 'accounts' })
      .info({ userId, issuedBy: viewer.user.id }, 'password reset issued');
    return c.json(
      {
        token,
        url: `${config.origin}/reset/${token}`,
        expiresAt: new Date(expiresAt).toISOString(),
      },
      201,
    );
  })
  .get('/password-resets/:token', (c) => {
    const { db } = c.get('deps');
    const reset = findOpenPasswordReset(db, c.req.param('token'));
    const user = reset && findUserById(db, reset.userId);
    if (!reset || !user) throw passwordResetInvalid();
    return c.json({ email: user.email, expiresAt: new Date(reset.expiresAt).toISOString() });
  })
  .post('/password-resets/:token', async (c) => {
    const { db, collaboration, logger } = c.get('deps');
    const reset = findOpenPasswordReset(db, c.req.param('token'));
    if (!reset) throw passwordResetInvalid();
    const { password } = await parseBody(c, passwordResetBody);

    const passwordHash = await hashPassword(password);
    const used = db.transaction(() => {
      if (!usePasswordReset(db, reset.tokenHash)) return false;
      storePasswordHash(db, reset.userId, passwordHash);
      invalidateUserSessions(db, reset.userId);
      return true;
    });
    if (!used) throw passwordResetInvalid();

    collaboration.closeUserSockets(reset.userId);
    logger.child({ module: 'accounts' }).info({ userId: reset.userId }, 'password reset used');
    return c.body(null, 204);
  });
