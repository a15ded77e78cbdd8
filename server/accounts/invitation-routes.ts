/**
 * Invitation links: a coordinator creates, lists and revokes them; the person who receives one
 * looks at it before signing in, then accepts it and gains the role.
 */
import { Hono } from 'hono';
import { invitationBody } from '../../shared/api/members';
import { idParams, territoryParams } from '../../shared/api/params';
import { forbidden, notFound } from '../errors';
import { requireViewer, type AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { mayInTerritory, requireTerritoryAction } from '../territories/permissions';
import { requireTerritory } from '../territories/store';
import {
  createInvitation,
  findInvitationById,
  findOpenInvitation,
  invitationForOtherAddress,
  invitationInvalid,
  maskEmail,
  openInvitations,
  revokeInvitation,
  useInvitation,
} from './invitations';
import { grantMembership } from './users';

export const invitationRoutes = new Hono<AppEnv>()
  .post('/territories/:code/invitations', async (c) => {
    const { code } = parseParams(c, territoryParams);
    const { viewer } = requireTerritoryAction(c, code, 'inviteMembers');
    const body = await parseBody(c, invitationBody);
    const { config, db, logger } = c.get('deps');

    const { token, invitation } = createInvitation(db, {
      territoryCode: code,
      role: body.role,
      email: body.email,
      createdBy: viewer.user.id,
    });
    logger
      .child({ module: 'accounts' })
      .info({ invitationId: invitation.id, territoryCode: code, role: body.role }, 'invited');
    return c.json({ ...invitation, token, url: `${config.origin}/invitations/${token}` }, 201);
  })
  .get('/territories/:code/invitations', (c) => {
    const { code } = parseParams(c, territoryParams);
    requireTerritoryAction(c, code, 'inviteMembers');
    return c.json(openInvitations(c.get('deps').db, code));
  })
  .delete('/invitations/:id', (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { db } = c.get('deps');
    const invitation = findInvitationById(db, id);
    if (!invitation) throw notFound('The invitation');
    if (!mayInTerritory(db, viewer, invitation.territoryCode, 'inviteMembers')) throw forbidden();

    revokeInvitation(db, id);
    return c.body(null, 204);
  })
  .get('/invitations/:token', (c) => {
    const { db } = c.get('deps');
    const invitation = findOpenInvitation(db, c.req.param('token'));
    if (!invitation) throw invitationInvalid();
    const viewer = c.get('viewer');
    return c.json({
      territory: requireTerritory(db, invitation.territoryCode),
      role: invitation.role,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      invitedAddress: invitation.email ? maskEmail(invitation.email) : null,
      forAnotherAddress: Boolean(
        invitation.email && viewer && invitation.email !== viewer.user.email,
      ),
    });
  })
  .post('/invitations/:token/accept', (c) => {
    const viewer = requireViewer(c);
    const { db, collaboration, logger } = c.get('deps');
    const invitation = findOpenInvitation(db, c.req.param('token'));
    if (!invitation) throw invitationInvalid();
    if (invitation.email && invitation.email !== viewer.user.email) {
      throw invitationForOtherAddress();
    }

    const accepted = db.transaction(() => {
      if (!useInvitation(db, invitation.id, viewer.user.id)) return false;
      grantMembership(db, {
        userId: viewer.user.id,
        territoryCode: invitation.territoryCode,
        role: invitation.role,
      });
      return true;
    });
    if (!accepted) throw invitationInvalid();

    collaboration.refreshAccess({ userId: viewer.user.id });
    logger
      .child({ module: 'accounts' })
      .info({ invitationId: invitation.id, userId: viewer.user.id }, 'invitation accepted');
    return c.json({ territoryCode: invitation.territoryCode, role: invitation.role });
  });
