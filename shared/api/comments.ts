/**
 * What crosses the API about comment threads: where a comment sits (its target), its body as
 * typed and as safe HTML, and the moderation around it. Bodies are never trimmed or normalised,
 * so text comes back byte for byte.
 */
import { z } from 'zod';
import { SECTION_ORDER } from '../strategy/format';

/** Replies nest this deep at most: a top-level comment has depth 0. */
export const MAX_COMMENT_DEPTH = 3;
export const MAX_COMMENT_LENGTH = 5_000;

/** Item targets name a list item by its key: goal:G1, action:A1, skill:S1. */
export const ITEM_TARGET_KINDS = ['goal', 'action', 'skill'] as const;

const itemTarget = new RegExp(`^(${ITEM_TARGET_KINDS.join('|')}):[A-Za-z0-9_-]{1,64}$`);

export const commentTargetField = z
  .string()
  .refine(
    (target) =>
      target === 'strategy' ||
      (SECTION_ORDER as readonly string[]).includes(target) ||
      itemTarget.test(target),
    'A target is "strategy", a section key such as "vision", or goal:G1, action:A1, skill:S1.',
  );

const bodyField = z
  .string()
  .max(MAX_COMMENT_LENGTH)
  .refine((body) => body.trim() !== '', 'Write something first.');

const reasonField = z
  .string()
  .max(500)
  .refine((reason) => reason.trim() !== '', 'Give a reason.');

export const commentBody = z.object({
  /** Optional for a reply, which takes its parent's target; when given it must match. */
  target: commentTargetField.optional(),
  parentId: z.string().max(64).optional(),
  body: bodyField,
});

export const commentChangeBody = z.object({ body: bodyField });
export const flagBody = z.object({ reason: reasonField });
export const hideBody = z.object({ reason: reasonField });
export const restoreBody = z.object({ reason: z.string().max(500).optional() });

export const commentListQuery = z.object({
  target: commentTargetField.optional(),
  q: z.string().max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const COMMENT_STATES = ['visible', 'hidden', 'deleted'] as const;

export const commentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  target: z.string(),
  depth: z.number().int(),
  /** Hidden and deleted comments are placeholders: no author, no body, no html. */
  state: z.enum(COMMENT_STATES),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /** The Markdown exactly as typed, for the edit form. */
  body: z.string().nullable(),
  /** The body rendered to safe HTML. */
  html: z.string().nullable(),
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  mine: z.boolean(),
  /** False at the maximum depth and on placeholders: the page shows no reply control. */
  mayReply: z.boolean(),
});

export const commentListSchema = z.object({
  comments: z.array(commentSchema),
  /** Visible comments only, overall and per target: exactly what a reader can see. */
  counts: z.object({ total: z.number().int(), byTarget: z.record(z.string(), z.number().int()) }),
});

export const flaggedCommentSchema = commentSchema.extend({
  /** For the coordinator's queue only: the text of a hidden comment, so it can be restored. */
  moderatorBody: z.string().nullable(),
  flags: z.array(z.object({ reason: z.string(), createdAt: z.string() })),
});

export const moderationQueueSchema = z.object({
  flagged: z.array(flaggedCommentSchema),
  hidden: z.array(flaggedCommentSchema),
});

export const moderationLogSchema = z.object({
  hiddenNow: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  entries: z.array(
    z.object({
      commentId: z.string(),
      action: z.enum(['hidden', 'restored']),
      reason: z.string(),
      at: z.string(),
    }),
  ),
});

export type CommentBody = z.input<typeof commentBody>;
export type Comment = z.infer<typeof commentSchema>;
export type CommentList = z.infer<typeof commentListSchema>;
export type FlaggedComment = z.infer<typeof flaggedCommentSchema>;
export type ModerationLog = z.infer<typeof moderationLogSchema>;
