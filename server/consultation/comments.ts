/**
 * The comment store. Bodies are stored exactly as typed. Deleting wipes the body for good;
 * hiding keeps it so that a coordinator can restore the comment, but no public answer, export or
 * search ever reads a hidden body (see comment-views.ts).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { comments, users } from '../storage/schema';

export interface CommentRecord {
  id: string;
  strategyId: string;
  target: string;
  parentId: string | null;
  depth: number;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  hiddenAt: number | null;
  hiddenReason: string | null;
}

type Reader = Pick<BirgaDatabase, 'select'>;

const columns = {
  id: comments.id,
  strategyId: comments.strategyId,
  target: comments.target,
  parentId: comments.parentId,
  depth: comments.depth,
  authorId: comments.authorId,
  authorName: users.displayName,
  body: comments.body,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
};

export function findComment(db: Reader, id: string): CommentRecord | undefined {
  return db
    .select(columns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, id))
    .get();
}

/** A strategy's comments in writing order (rowid breaks ties within a millisecond). */
export function strategyComments(db: Reader, strategyId: string): CommentRecord[] {
  return db
    .select(columns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.strategyId, strategyId))
    .orderBy(asc(comments.createdAt), sql`comments.rowid`)
    .all();
}

export function insertComment(
  db: BirgaDatabase,
  comment: {
    strategyId: string;
    target: string;
    parentId: string | null;
    depth: number;
    authorId: string;
    body: string;
    createdAt: number;
  },
): string {
  const id = newId();
  db.insert(comments)
    .values({ id, ...comment })
    .run();
  return id;
}

export function editComment(db: BirgaDatabase, id: string, body: string, editedAt: number): void {
  db.update(comments).set({ body, editedAt }).where(eq(comments.id, id)).run();
}

export function deleteComment(db: BirgaDatabase, id: string, deletedAt: number): void {
  db.update(comments).set({ body: '', deletedAt }).where(eq(comments.id, id)).run();
}

export function setCommentHidden(
  db: Pick<BirgaDatabase, 'update'>,
  id: string,
  hidden: { at: number; reason: string } | null,
): void {
  db.update(comments)
    .set({ hiddenAt: hidden?.at ?? null, hiddenReason: hidden?.reason ?? null })
    .where(eq(comments.id, id))
    .run();
}
