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

/** One-time links: invitations carry a role, password resets a user. Only the token's hash is kept. */
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
  lastUpdateId: integer('last_update_id').notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});
