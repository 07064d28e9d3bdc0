/**
 * The newsroom desk: users and their sessions, failed logins (for throttling), the audit log, and
 * immutable revisions of every record. It refers to no story table, so the story schema can refer
 * to it without a cycle.
 *
 * Revisions are append-only: nothing in the app updates or deletes them, and their foreign keys
 * RESTRICT so no cascade can remove them.
 */
import { sql } from 'drizzle-orm';
import { now, oneOf } from './sql-helpers.js';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['journalist', 'editor', 'admin'] as const;
export const REVISABLE = ['claim', 'party', 'source', 'question', 'story'] as const;
export const REVISION_EVENTS = [
  'created',
  'edited',
  'submitted',
  'changes_requested',
  'published',
  'edit_proposed',
  'edit_approved',
  'retracted',
  'restored',
] as const;
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'password_reset',
  'user_created',
  'user_disabled',
  'user_enabled',
  'role_changed',
  'claim_submitted',
  'claim_published',
  'claim_changes_requested',
  'claim_retracted',
  'claim_edit_approved',
  'publish_override',
  'claim_restored',
  'login_unlocked',
] as const;


export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set when an admin generated the password: the user must choose their own at first login. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  () => [
    check('users_role', oneOf('role', ROLES)),
    check('users_email_normalised', sql.raw("email = lower(trim(email)) AND email LIKE '%_@_%'")),
    check('users_name', sql.raw('length(trim(name)) > 0')),
  ],
);

/** A login session. Only the SHA-256 of the token is stored: a copy of the database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull().default(now),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('login_failures_email').on(t.email, t.at), index('login_failures_ip').on(t.ip, t.at)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'restrict' }),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    targetType: text('target_type').notNull().default(''),
    targetId: integer('target_id'),
    /** JSON with what the action needs remembered (a reason, the old and new role, an email tried). */
    detail: text('detail').notNull().default('{}'),
    ip: text('ip').notNull().default(''),
  },
  (t) => [
    index('audit_events_at').on(t.at),
    index('audit_events_target').on(t.targetType, t.targetId),
    check('audit_events_action', oneOf('action', AUDIT_ACTIONS)),
    check('audit_events_detail_json', sql.raw('json_valid(detail)')),
  ],
);

/**
 * An immutable copy of a record after a change: the full record as JSON (a claim with its stances
 * and citations), who made the change, when and why. `version` is the record's version after it.
 */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entityType: text('entity_type', { enum: REVISABLE }).notNull(),
    entityId: integer('entity_id').notNull(),
    version: integer('version').notNull(),
    event: text('event', { enum: REVISION_EVENTS }).notNull(),
    snapshot: text('snapshot').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    comment: text('comment').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('revisions_entity_version').on(t.entityType, t.entityId, t.version),
    check('revisions_entity_type', oneOf('entity_type', REVISABLE)),
    check('revisions_event', oneOf('event', REVISION_EVENTS)),
    check('revisions_snapshot_json', sql.raw('json_valid(snapshot)')),
    check('revisions_version', sql.raw('version >= 1')),
  ],
);
