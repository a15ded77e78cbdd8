/**
 * Moderation: people flag comments with a reason; a coordinator hides a comment with a reason
 * (its replies stay under a placeholder) and can restore it. Every hide and restore goes to a
 * public log that gives the reason and never the text.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FlaggedComment, ModerationLog } from '../../shared/api/comments';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { commentFlags, comments, moderationEvents } from '../storage/schema';
import { alreadyFlagged } from './comment-errors';
import { commentJson } from './comment-views';
import { setCommentHidden, strategyComments, type CommentRecord } from './comments';

export function flagComment(
  db: BirgaDatabase,
  flag: { commentId: string; userId: string; reason: string; at: number },
): void {
  try {
    db.insert(commentFlags)
      .values({
        id: newId(),
        commentId: flag.commentId,
        userId: flag.userId,
        reason: flag.reason,
        createdAt: flag.at,
      })
      .run();
  } catch (error) {
    if (String(error).includes('UNIQUE')) throw alreadyFlagged();
    throw error;
  }
}

export function moderateComment(
  db: BirgaDatabase,
  change: {
    comment: CommentRecord;
    action: 'hidden' | 'restored';
    reason: string;
    moderatorId: string;
    at: number;
  },
): void {
  const { comment, action, reason, at } = change;
  db.transaction((tx) => {
    setCommentHidden(tx, comment.id, action === 'hidden' ? { at, reason } : null);
    // A restore is the coordinator's answer to the flags so far; the queue starts afresh.
    if (action === 'restored')
      tx.delete(commentFlags).where(eq(commentFlags.commentId, comment.id)).run();
    tx.insert(moderationEvents)
      .values({
        id: newId(),
        strategyId: comment.strategyId,
        commentId: comment.id,
        action,
        reason,
        moderatorId: change.moderatorId,
        at,
      })
      .run();
  });
}

export function moderationLog(db: BirgaDatabase, strategyId: string): ModerationLog {
  const hidden = db
    .select({ reason: comments.hiddenReason })
    .from(comments)
    .where(
      and(
        eq(comments.strategyId, strategyId),
        isNotNull(comments.hiddenAt),
        isNull(comments.deletedAt),
      ),
    )
    .all();
  const reasons = new Map<string, number>();
  for (const row of hidden) reasons.set(row.reason ?? '', (reasons.get(row.reason ?? '') ?? 0) + 1);
  const entries = db
    .select()
    .from(moderationEvents)
    .where(eq(moderationEvents.strategyId, strategyId))
    .orderBy(desc(moderationEvents.at), sql`moderation_events.rowid desc`)
    .all();
  return {
    hiddenNow: hidden.length,
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })),
    entries: entries.map((entry) => ({
      commentId: entry.commentId,
      action: entry.action === 'restored' ? 'restored' : 'hidden',
      reason: entry.reason,
      at: new Date(entry.at).toISOString(),
    })),
  };
}

/** The coordinator's queue: flagged comments still visible, and hidden ones with their text. */
export function moderationQueue(
  db: BirgaDatabase,
  strategyId: string,
  viewerId: string,
): { flagged: FlaggedComment[]; hidden: FlaggedComment[] } {
  const all = strategyComments(db, strategyId).filter((comment) => comment.deletedAt === null);
  const ids = all.map((comment) => comment.id);
  const flags = ids.length
    ? db
        .select()
        .from(commentFlags)
        .where(inArray(commentFlags.commentId, ids))
        .orderBy(asc(commentFlags.createdAt))
        .all()
    : [];
  const flagsOf = (id: string) =>
    flags
      .filter((flag) => flag.commentId === id)
      .map((flag) => ({ reason: flag.reason, createdAt: new Date(flag.createdAt).toISOString() }));
  const entry = (comment: CommentRecord): FlaggedComment => ({
    ...commentJson(comment, viewerId),
    moderatorBody: comment.hiddenAt !== null ? comment.body : null,
    flags: flagsOf(comment.id),
  });
  return {
    flagged: all.filter((c) => c.hiddenAt === null && flagsOf(c.id).length > 0).map(entry),
    hidden: all.filter((c) => c.hiddenAt !== null).map(entry),
  };
}
