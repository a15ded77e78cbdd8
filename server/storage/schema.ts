/**
 * The stored shapes of Birga, one table per domain concept. drizzle-kit generates migrations/ from
 * this file (`npm run migrations:generate`); the server applies them at start-up.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-cased and trimmed, so sign-in is case-insensitive. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the token, hex; the token itself is only ever in the user's cookie. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const territories = sqliteTable(
  'territories',
  {
    code: text('code').primaryKey(),
    kind: text('kind').notNull(),
    parentCode: text('parent_code'),
    /** JSON object of names by language tag: uz-Latn, uz-Cyrl, ru, en. */
    names: text('names', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Tashkent'),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index('territories_parent_idx').on(table.parentCode)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    territoryCode: text('territory_code')
      .notNull()
      .references(() => territories.code, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.territoryCode, table.role] }),
    index('memberships_territory_idx').on(table.territoryCode),
  ],
);

/** One-time links: invitations carry a role, password resets a user. Only token hashes are kept. */
export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  territoryCode: text('territory_code')
    .notNull()
    .references(() => territories.code, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  email: text('email'),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  usedAt: integer('used_at', { mode: 'number' }),
  usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const passwordResets = sqliteTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  usedAt: integer('used_at', { mode: 'number' }),
  createdAt: createdAt(),
});

export const strategies = sqliteTable(
  'strategies',
  {
    id: text('id').primaryKey(),
    territoryCode: text('territory_code')
      .notNull()
      .references(() => territories.code, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    mainLanguage: text('main_language').notNull().default('uz-Latn'),
    /** The lifecycle phase: draft, review, consultation, approval, published, archived. */
    status: text('status').notNull().default('draft'),
    documentId: text('document_id').notNull().unique(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('strategies_territory_year_idx').on(table.territoryCode, table.year)],
);

/** Every accepted Yjs update, appended with a synchronous commit before anyone else receives it. */
export const documentUpdates = sqliteTable(
  'document_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('document_updates_document_idx').on(table.documentId, table.id)],
);

/** The compacted state of a document: every log row up to lastUpdateId merged into one update. */
export const documentSnapshots = sqliteTable('document_snapshots', {
  documentId: text('document_id').primaryKey(),
  state: blob('state', { mode: 'buffer' }).notNull(),
  /** The state's Yjs state vector, kept so that a reopened document need not parse the state. */
  stateVector: blob('state_vector', { mode: 'buffer' }),
  lastUpdateId: integer('last_update_id').notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/**
 * Every phase move of a strategy and every change to its consultation: who, when, what and why.
 * Later phases (review, approval, publication) append here too.
 */
export const strategyEvents = sqliteTable(
  'strategy_events',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: integer('at', { mode: 'number' }).notNull(),
  },
  (table) => [index('strategy_events_strategy_idx').on(table.strategyId, table.at)],
);

/** A strategy's public consultation: its window in UTC milliseconds and each resident's budget. */
export const consultations = sqliteTable('consultations', {
  id: text('id').primaryKey(),
  strategyId: text('strategy_id')
    .notNull()
    .unique()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  opensAt: integer('opens_at', { mode: 'number' }).notNull(),
  closesAt: integer('closes_at', { mode: 'number' }).notNull(),
  votesPerResident: integer('votes_per_resident').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Skills the coordinator adds for the consultation, beside the draft's priority skills. */
export const consultationSkills = sqliteTable(
  'consultation_skills',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    skillKey: text('skill_key').notNull(),
    category: text('category').notNull(),
    /** JSON object of titles by language tag, each exactly as typed. */
    title: text('title', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('consultation_skills_key_idx').on(table.consultationId, table.skillKey)],
);

/** One-time codes that make their redeemer a verified resident; only the code's SHA-256 is kept. */
export const residentCodes = sqliteTable(
  'resident_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    batchId: text('batch_id').notNull(),
    territoryCode: text('territory_code')
      .notNull()
      .references(() => territories.code, { onDelete: 'cascade' }),
    strategyId: text('strategy_id').references(() => strategies.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
    usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index('resident_codes_batch_idx').on(table.batchId)],
);

/**
 * A resident's votes. The unique index is the one-vote-per-skill rule; a trigger in the migration
 * enforces the budget, so neither can be broken by concurrent requests. A deleted account leaves
 * its votes counted but anonymous.
 */
export const votes = sqliteTable(
  'votes',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    skillKey: text('skill_key').notNull(),
    castAt: integer('cast_at', { mode: 'number' }).notNull(),
  },
  (table) => [
    uniqueIndex('votes_resident_skill_idx').on(table.consultationId, table.userId, table.skillKey),
    index('votes_skill_idx').on(table.consultationId, table.skillKey),
  ],
);

/** Tallies of votes cast on paper at a mahalla meeting, entered by a coordinator. */
export const paperVotes = sqliteTable(
  'paper_votes',
  {
    id: text('id').primaryKey(),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    skillKey: text('skill_key').notNull(),
    count: integer('count').notNull(),
    meeting: text('meeting').notNull(),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: integer('recorded_at', { mode: 'number' }).notNull(),
  },
  (table) => [index('paper_votes_consultation_idx').on(table.consultationId)],
);

/** Public threads on a strategy. Deleting wipes the body; hiding keeps it for a restore. */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    parentId: text('parent_id'),
    depth: integer('depth').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    editedAt: integer('edited_at', { mode: 'number' }),
    deletedAt: integer('deleted_at', { mode: 'number' }),
    hiddenAt: integer('hidden_at', { mode: 'number' }),
    hiddenReason: text('hidden_reason'),
  },
  (table) => [
    index('comments_strategy_idx').on(table.strategyId, table.createdAt),
    index('comments_parent_idx').on(table.parentId),
  ],
);

export const commentFlags = sqliteTable(
  'comment_flags',
  {
    id: text('id').primaryKey(),
    commentId: text('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
  },
  (table) => [uniqueIndex('comment_flags_user_idx').on(table.commentId, table.userId)],
);

/** The public moderation log: what was hidden or restored and why, never the comment's text. */
export const moderationEvents = sqliteTable(
  'moderation_events',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    moderatorId: text('moderator_id').references(() => users.id, { onDelete: 'set null' }),
    at: integer('at', { mode: 'number' }).notNull(),
  },
  (table) => [index('moderation_events_strategy_idx').on(table.strategyId, table.at)],
);
