/**
 * What readers see of a thread. A hidden or deleted comment becomes a placeholder without author,
 * body or HTML, and appears only while it carries visible replies, so that those replies keep
 * their place. Counts are the number of visible comments, exactly what a reader can see; search
 * looks only at visible bodies.
 */
import { MAX_COMMENT_DEPTH, type Comment, type CommentList } from '../../shared/api/comments';
import { renderMarkdown } from '../../shared/markdown/render';
import { matchesSearch } from '../../shared/search/uzbek';
import type { CommentRecord } from './comments';

export function commentState(comment: CommentRecord): Comment['state'] {
  if (comment.deletedAt !== null) return 'deleted';
  return comment.hiddenAt !== null ? 'hidden' : 'visible';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public view of one comment; a placeholder carries no trace of the text or its author. */
export function commentJson(comment: CommentRecord, viewerId: string | null): Comment {
  const state = commentState(comment);
  const visible = state === 'visible';
  return {
    id: comment.id,
    parentId: comment.parentId,
    target: comment.target,
    depth: comment.depth,
    state,
    author:
      visible && comment.authorId
        ? { id: comment.authorId, displayName: comment.authorName ?? '' }
        : null,
    body: visible ? comment.body : null,
    html: visible ? renderMarkdown(comment.body) : null,
    hiddenReason: state === 'hidden' ? comment.hiddenReason : null,
    createdAt: iso(comment.createdAt)!,
    editedAt: visible ? iso(comment.editedAt) : null,
    mine: visible && viewerId !== null && comment.authorId === viewerId,
    mayReply: visible && comment.depth < MAX_COMMENT_DEPTH,
  };
}

function countByTarget(visible: CommentRecord[]): CommentList['counts'] {
  const byTarget: Record<string, number> = {};
  for (const comment of visible) byTarget[comment.target] = (byTarget[comment.target] ?? 0) + 1;
  return { total: visible.length, byTarget };
}

/** Comments that stay in the list: visible ones, and placeholders above a visible reply. */
function withPlaceholders(all: CommentRecord[]): CommentRecord[] {
  const byId = new Map(all.map((comment) => [comment.id, comment]));
  const keep = new Set<string>();
  for (const comment of all) {
    if (commentState(comment) !== 'visible') continue;
    let current: CommentRecord | undefined = comment;
    while (current && !keep.has(current.id)) {
      keep.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
  }
  return all.filter((comment) => keep.has(comment.id));
}

export function threadView(
  all: CommentRecord[],
  options: { viewerId: string | null; target?: string; query?: string },
): CommentList {
  const inTarget = options.target ? all.filter((c) => c.target === options.target) : all;
  const visible = inTarget.filter((comment) => commentState(comment) === 'visible');
  const matching = options.query
    ? visible.filter((comment) => matchesSearch([comment.body], options.query!))
    : visible;
  const listed = options.query ? matching : withPlaceholders(inTarget);
  return {
    comments: listed.map((comment) => commentJson(comment, options.viewerId)),
    counts: countByTarget(matching),
  };
}
