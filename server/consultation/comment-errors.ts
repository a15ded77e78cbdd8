/** The domain errors of comment threads and their moderation, with stable codes. */
import { conflict, DomainError, invalidInput } from '../errors';

export const commentNotFound = () =>
  new DomainError({
    status: 404,
    code: 'comment_not_found',
    message: 'The comment was not found.',
  });

export const commentUnavailable = () =>
  conflict('comment_unavailable', 'This comment was hidden or deleted.');

export const notCommentAuthor = () =>
  new DomainError({
    status: 403,
    code: 'not_comment_author',
    message: 'Only the author may change or delete a comment.',
  });

export const replyTooDeep = () =>
  new DomainError({
    status: 400,
    code: 'reply_too_deep',
    message: 'Replies cannot nest deeper here; answer the comment above instead.',
    field: 'parentId',
  });

export const unknownTarget = () =>
  new DomainError({
    status: 400,
    code: 'unknown_target',
    message: 'The strategy has no such section, goal, action or skill.',
    field: 'target',
  });

export const targetMismatch = () =>
  invalidInput('target', 'A reply belongs to the same target as the comment it answers.');

export const alreadyFlagged = () =>
  conflict('already_flagged', 'You have already flagged this comment.');

export const alreadyHidden = () => conflict('comment_already_hidden', 'This comment is hidden.');

export const notHidden = () => conflict('comment_not_hidden', 'This comment is not hidden.');
