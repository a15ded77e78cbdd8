/**
 * Flags, hiding and restoring through the API, the public moderation log, and the coordinator's
 * queue. Moderation goes on after the window closes: the threads stay readable.
 */
import { Hono } from 'hono';
import { flagBody, hideBody, restoreBody } from '../../shared/api/comments';
import { idParams } from '../../shared/api/params';
import { mayPerform } from '../../shared/roles';
import { forbidden } from '../errors';
import { requireViewer, type AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { readableStrategy, requireStrategyAction } from './access';
import { consultationNow } from './clock';
import { alreadyHidden, commentUnavailable, notHidden } from './comment-errors';
import { readableComment } from './comment-routes';
import { commentJson, commentState } from './comment-views';
import { findComment } from './comments';
import { flagComment, moderateComment, moderationLog, moderationQueue } from './moderation';
import { limitAttempt } from './rate-limits';

export const moderationRoutes = new Hono<AppEnv>()
  .post('/comments/:id/flags', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    limitAttempt(c, 'flag', viewer.user.id);
    const { reason } = await parseBody(c, flagBody);
    const { comment } = readableComment(c, id);
    if (commentState(comment) !== 'visible') throw commentUnavailable();
    const deps = c.get('deps');
    flagComment(deps.db, {
      commentId: comment.id,
      userId: viewer.user.id,
      reason,
      at: consultationNow(deps),
    });
    return c.json({ commentId: comment.id, flagged: true }, 201);
  })
  .post('/comments/:id/hide', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { reason } = await parseBody(c, hideBody);
    const { comment, roles } = readableComment(c, id);
    if (!mayPerform('moderateComments', roles)) throw forbidden();
    if (comment.hiddenAt !== null) throw alreadyHidden();
    const deps = c.get('deps');
    moderateComment(deps.db, {
      comment,
      action: 'hidden',
      reason,
      moderatorId: viewer.user.id,
      at: consultationNow(deps),
    });
    deps.logger.child({ module: 'consultation' }).info({ commentId: comment.id }, 'comment hidden');
    return c.json(commentJson(findComment(deps.db, comment.id)!, viewer.user.id));
  })
  .post('/comments/:id/restore', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { reason } = await parseBody(c, restoreBody);
    const { comment, roles } = readableComment(c, id);
    if (!mayPerform('moderateComments', roles)) throw forbidden();
    if (comment.hiddenAt === null) throw notHidden();
    const deps = c.get('deps');
    moderateComment(deps.db, {
      comment,
      action: 'restored',
      reason: reason ?? '',
      moderatorId: viewer.user.id,
      at: consultationNow(deps),
    });
    deps.logger
      .child({ module: 'consultation' })
      .info({ commentId: comment.id }, 'comment restored');
    return c.json(commentJson(findComment(deps.db, comment.id)!, viewer.user.id));
  })
  .get('/strategies/:id/moderation', (c) => {
    const { id } = parseParams(c, idParams);
    const { strategy } = readableStrategy(c, id);
    return c.json(moderationLog(c.get('deps').db, strategy.id));
  })
  .get('/strategies/:id/moderation/queue', (c) => {
    const { id } = parseParams(c, idParams);
    const { strategy, viewer } = requireStrategyAction(c, id, 'moderateComments');
    return c.json(moderationQueue(c.get('deps').db, strategy.id, viewer.user.id));
  });
