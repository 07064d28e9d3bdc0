/**
 * Database sessions (after Lucia's guide): a 256-bit token from a CSPRNG goes to the browser in
 * a cookie; only its SHA-256 is stored, and found by an indexed equality lookup on the hash (so
 * no timing leaks the token). Sessions end on idle, on an absolute limit, at logout, and all at
 * once when a user is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { recordEvent } from '../audit/log.js';
import { preparedOnce, writeTransaction, type Db } from '../db.js';

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: (typeof t.ROLES)[number];
  mustChangePassword: boolean;
  sessionId: number;
};

export type SessionPolicy = { idleMinutes: number; maxHours: number };

/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function createSession(
  db: Db,
  userId: number,
  policy: SessionPolicy,
  client: { ip: string; userAgent: string },
  now = new Date(),
): string {
  const token = randomBytes(32).toString('base64url');
  db.insert(t.sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000).toISOString(),
      ip: client.ip.slice(0, 100),
      userAgent: client.userAgent.slice(0, 300),
    })
    .run();
  return token;
}

/** The session a token hash names, with its user (unless disabled). */
const sessionByTokenHash = preparedOnce((db) =>
  db
    .select({
      sessionId: t.sessions.id,
      lastSeenAt: t.sessions.lastSeenAt,
      expiresAt: t.sessions.expiresAt,
      id: t.users.id,
      email: t.users.email,
      name: t.users.name,
      role: t.users.role,
      mustChangePassword: t.users.mustChangePassword,
    })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(and(eq(t.sessions.tokenHash, sql.placeholder('tokenHash')), isNull(t.users.disabledAt)))
    .prepare(),
);

export function validateSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): SessionUser | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = sessionByTokenHash(db).get({ tokenHash: hashToken(token) });
  if (!row) return null;
  const idleLimit = new Date(row.lastSeenAt).getTime() + policy.idleMinutes * 60_000;
  if (now.getTime() >= new Date(row.expiresAt).getTime() || now.getTime() >= idleLimit) {
    db.delete(t.sessions).where(eq(t.sessions.id, row.sessionId)).run();
    return null;
  }
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    db.update(t.sessions).set({ lastSeenAt: now.toISOString() }).where(eq(t.sessions.id, row.sessionId)).run();
  }
  const { lastSeenAt: _l, expiresAt: _e, ...user } = row;
  return user;
}

function endSession(db: Db, sessionId: number): void {
  db.delete(t.sessions).where(eq(t.sessions.id, sessionId)).run();
}

export function endAllSessionsOf(db: Db, userId: number): void {
  db.delete(t.sessions).where(eq(t.sessions.userId, userId)).run();
}

/**
 * Signing in: a new token at every login, and the session the browser came with (if any) ends,
 * in one transaction. Returns the new token for the cookie.
 */
export function startSession(
  db: Db,
  userId: number,
  policy: SessionPolicy,
  meta: Parameters<typeof createSession>[3],
  previousToken?: string,
): string {
  return writeTransaction(db, () => {
    if (previousToken) db.delete(t.sessions).where(eq(t.sessions.tokenHash, hashToken(previousToken))).run();
    return createSession(db, userId, policy, meta);
  });
}

/** Signing out: the session ends and the audit log says who left, from where. */
export function signOut(db: Db, user: { id: number; sessionId: number }, ip: string): void {
  writeTransaction(db, () => {
    endSession(db, user.sessionId);
    recordEvent(db, { action: 'logout', actorId: user.id, targetType: 'user', targetId: user.id, ip });
  });
}
