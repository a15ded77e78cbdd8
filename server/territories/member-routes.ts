/**
 * A territory's members: coordinators (of it or of a territory above) and administrators list them,
 * give roles to existing accounts and take roles away. Every change re-checks the person's open
 * collaboration sockets, so a removed editor stops editing at once.
 */
import { Hono } from 'hono';
import { memberBody } from '../../shared/api/members';
import { memberParams, territoryParams } from '../../shared/api/params';
import { findUserByEmail, grantMembership, revokeMembership } from '../accounts/users';
import { conflict, DomainError, notFound } from '../errors';
import type { AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { membersOf } from './members';
import { requireTerritoryAction } from './permissions';

export const memberRoutes = new Hono<AppEnv>()
  .get('/territories/:code/members', (c) => {
    const { code } = parseParams(c, territoryParams);
    requireTerritoryAction(c, code, 'listMembers');
    return c.json(membersOf(c.get('deps').db, code));
  })
  .post('/territories/:code/members', async (c) => {
    const { code } = parseParams(c, territoryParams);
    const { viewer } = requireTerritoryAction(c, code, 'grantRoles');
    const body = await parseBody(c, memberBody);
    const { db, collaboration, logger } = c.get('deps');

    const user = findUserByEmail(db, body.email);
    if (!user) {
      throw new DomainError({
        status: 404,
        code: 'user_not_found',
        message: 'No account has this email; send an invitation link instead.',
        field: 'email',
      });
    }
    const membership = { userId: user.id, territoryCode: code, role: body.role };
    if (!grantMembership(db, membership)) {
      throw conflict('membership_exists', 'This person already holds this role here.', 'role');
    }

    collaboration.refreshAccess({ userId: user.id });
    logger
      .child({ module: 'territories' })
      .info({ ...membership, grantedBy: viewer.user.id }, 'membership granted');
    return c.json(
      {
        user: { id: user.id, email: user.email, displayName: user.displayName },
        role: body.role,
        territoryCode: code,
      },
      201,
    );
  })
  .delete('/territories/:code/members/:userId/:role', (c) => {
    const { code, userId, role } = parseParams(c, memberParams);
    const { viewer } = requireTerritoryAction(c, code, 'removeMembers');
    const { db, collaboration, logger } = c.get('deps');

    const membership = { userId, territoryCode: code, role };
    if (!revokeMembership(db, membership)) throw notFound('The membership');

    collaboration.refreshAccess({ userId });
    logger
      .child({ module: 'territories' })
      .info({ ...membership, revokedBy: viewer.user.id }, 'membership revoked');
    return c.body(null, 204);
  });
