/**
 * Comment threads through the API. Whoever may read the strategy reads its threads; anyone signed
 * in writes while the consultation is open (by the clock); authors edit while it is open and
 * delete their own at any time.
 */
import { Hono } from 'hono';
import {
  commentBody,
  commentChangeBody,
  commentListQuery,
  MAX_COMMENT_DEPTH,
} from '../../shared/api/comments';
import { idParams } from '../../shared/api/params';
import type { SignedIn } from '../accounts/sessions';
import { DomainError, invalidInput } from '../errors';
import { requireViewer, type AppContext, type AppEnv } from '../http/context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { readableStrategy, type ReadableStrategy } from './access';
import { consultationNow } from './clock';
import {
  commentNotFound,
  commentUnavailable,
  notCommentAuthor,
  replyTooDeep,
  targetMismatch,
  unknownTarget,
} from './comment-errors';
import { commentJson, commentState, threadView } from './comment-views';
import {
  deleteComment,
  editComment,
  findComment,
  insertComment,
  strategyComments,
  type CommentRecord,
} from './comments';
import { csvResponse, toCsv } from './csv';
import { commitInGroup } from './group-commit';
import { checkRateLimit, recordAttempt } from './rate-limits';
import { consultationSkillList, documentOutline } from './skills';
import { requireOpenConsultation, type ConsultationRecord } from './window';

/** The comment and its strategy, if the caller may read them; 404 alike otherwise. */
export function readableComment(
  c: AppContext,
  commentId: string,
): { comment: CommentRecord } & ReadableStrategy {
  const comment = findComment(c.get('deps').db, commentId);
  if (!comment || comment.deletedAt !== null) throw commentNotFound();
  try {
    return { comment, ...readableStrategy(c, comment.strategyId) };
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw commentNotFound();
    throw error;
  }
}

function checkTarget(
  c: AppContext,
  readable: ReadableStrategy,
  consultation: ConsultationRecord,
  target: string,
): void {
  const [kind, key] = target.split(':') as [string, string | undefined];
  if (key === undefined) return;
  const deps = c.get('deps');
  const outline = documentOutline(deps.collaboration, readable.strategy);
  const exists =
    kind === 'goal'
      ? outline.goalKeys.has(key)
      : kind === 'action'
        ? outline.actionKeys.has(key)
        : consultationSkillList(deps, readable.strategy, consultation.id).some(
            (s) => s.key === key,
          );
  if (!exists) throw unknownTarget();
}

function authoredBy(viewer: SignedIn, comment: CommentRecord): void {
  if (comment.authorId !== viewer.user.id) throw notCommentAuthor();
}

export const commentRoutes = new Hono<AppEnv>()
  .get('/strategies/:id/comments', (c) => {
    const { id } = parseParams(c, idParams);
    const query = parseQuery(c, commentListQuery);
    const { strategy, viewer } = readableStrategy(c, id);
    const all = strategyComments(c.get('deps').db, strategy.id);
    const view = threadView(all, {
      viewerId: viewer?.user.id ?? null,
      target: query.target,
      query: query.q,
    });
    if (query.format === 'csv') {
      const rows = view.comments
        .filter((comment) => comment.state === 'visible')
        .map((comment) => [
          comment.id,
          comment.parentId,
          comment.target,
          comment.depth,
          comment.createdAt,
          comment.editedAt,
          comment.author?.displayName,
          comment.body,
        ]);
      const header = [
        'comment_id',
        'parent_id',
        'target',
        'depth',
        'created_at',
        'edited_at',
        'author',
        'body',
      ];
      return csvResponse(
        c,
        `comments-${strategy.territoryCode}-${strategy.year}.csv`,
        toCsv(header, rows),
      );
    }
    return c.json(view);
  })
  .post('/strategies/:id/comments', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    checkRateLimit(c, 'comment', viewer.user.id);
    const body = await parseBody(c, commentBody);
    const readable = readableStrategy(c, id);
    const deps = c.get('deps');

    // The checks run inside the commit's transaction: the window may close, or the parent be
    // hidden, while the comment waits for its group commit.
    const commentId = await commitInGroup(deps.db, () => {
      const consultation = requireOpenConsultation(deps, readable.strategy);
      let target = body.target;
      let depth = 0;
      if (body.parentId !== undefined) {
        const parent = findComment(deps.db, body.parentId);
        if (!parent || parent.strategyId !== readable.strategy.id) {
          throw invalidInput('parentId', 'There is no such comment to answer.');
        }
        if (commentState(parent) !== 'visible') throw commentUnavailable();
        if (parent.depth >= MAX_COMMENT_DEPTH) throw replyTooDeep();
        if (target !== undefined && target !== parent.target) throw targetMismatch();
        target = parent.target;
        depth = parent.depth + 1;
      } else {
        if (target === undefined) throw invalidInput('target', 'Say what the comment is about.');
        checkTarget(c, readable, consultation, target);
      }

      return insertComment(deps.db, {
        strategyId: readable.strategy.id,
        target,
        parentId: body.parentId ?? null,
        depth,
        authorId: viewer.user.id,
        body: body.body,
        createdAt: consultationNow(deps),
      });
    });
    recordAttempt(c, 'comment', viewer.user.id);
    return c.json(commentJson(findComment(deps.db, commentId)!, viewer.user.id), 201);
  })
  .patch('/comments/:id', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { body } = await parseBody(c, commentChangeBody);
    const { comment, strategy } = readableComment(c, id);
    authoredBy(viewer, comment);
    if (commentState(comment) !== 'visible') throw commentUnavailable();
    const deps = c.get('deps');
    requireOpenConsultation(deps, strategy);

    // Saving the form unchanged changes nothing: no "edited" mark.
    if (body !== comment.body) editComment(deps.db, comment.id, body, consultationNow(deps));
    return c.json(commentJson(findComment(deps.db, comment.id)!, viewer.user.id));
  })
  .delete('/comments/:id', (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { comment } = readableComment(c, id);
    authoredBy(viewer, comment);
    const deps = c.get('deps');
    deleteComment(deps.db, comment.id, consultationNow(deps));
    return c.body(null, 204);
  });
