/**
 * Users: creating them, signing them in, their passwords, roles and disabling. Each change is
 * one transaction with its audit event; disabling a user ends all their sessions.
 */
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { recordEvent } from '../audit/log.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { can, type Actor, type Role } from '../auth/permissions.js';
import { clearFailures, liftLock, reserveAttempt, shouldLogRefusal } from '../auth/throttle.js';
import { endAllSessionsOf } from '../auth/sessions.js';
import { writeTransaction, type Db } from '../db.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import { now } from '../lib/dates.js';

export type UserRow = typeof t.users.$inferSelect;
export type PasswordCost = { logN?: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(t.users).where(eq(t.users.email, normaliseEmail(email))).get();
}

export function getUser(db: Db, id: number): UserRow {
  const user = db.select().from(t.users).where(eq(t.users.id, id)).get();
  if (!user) throw new NotFound('There is no such user.');
  return user;
}

export function listUsers(db: Db): UserRow[] {
  return db.select().from(t.users).orderBy(asc(t.users.name)).all();
}

export function countActiveUsers(db: Db): number {
  return db.select({ id: t.users.id }).from(t.users).where(isNull(t.users.disabledAt)).all().length;
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string; mustChangePassword?: boolean; ip?: string },
  actorId: number | null,
  cost: PasswordCost = {},
): Promise<UserRow> {
  // Hash outside the transaction: it is slow, and a transaction must not wait on it.
  return insertUser(db, await prepareUser(input, cost), actorId);
}

export type PreparedUser = { email: string; name: string; role: Role; passwordHash: string; mustChangePassword: boolean; ip?: string };

/** Check a new account's fields and hash its password: the slow half of creating a user, outside any transaction. */
export async function prepareUser(
  input: { email: string; name: string; role: Role; password: string; mustChangePassword?: boolean; ip?: string },
  cost: PasswordCost = {},
): Promise<PreparedUser> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 320) throw new Invalid('Enter a valid email address.');
  if (!name || name.length > 200) throw new Invalid('Enter a name of 1 to 200 characters.');
  if (!t.ROLES.includes(input.role)) throw new Invalid('Choose a role: journalist, editor or admin.');
  const problem = passwordProblem(input.password);
  if (problem) throw new Invalid(`Password: ${problem}`);
  const passwordHash = await hashPassword(input.password, cost.logN);
  return { email, name, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword ?? false, ip: input.ip };
}

/** Store a prepared account with its audit event (synchronous: it can join a caller's transaction). */
export function insertUser(db: Db, prepared: PreparedUser, actorId: number | null): UserRow {
  const { email, name, role, passwordHash, mustChangePassword, ip } = prepared;
  return writeTransaction(db, () => {
    if (findUserByEmail(db, email)) throw new Conflict('A user with this email already exists.');
    const user = db.insert(t.users).values({ email, name, role, passwordHash, mustChangePassword }).returning().get();
    recordEvent(db, { action: 'user_created', actorId, targetType: 'user', targetId: user.id, detail: { email, role }, ip });
    return user;
  });
}

// A hash to verify against when the email is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export type LoginResult = { ok: true; user: UserRow } | { ok: false; reason: 'invalid' | 'throttled' };

export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string },
  cost: PasswordCost = {},
): Promise<LoginResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  if (!reserveAttempt(db, email, input.ip)) {
    // Refusals are not counted as failures (see auth/throttle.ts), and logged at most once a minute.
    if (shouldLogRefusal(db, email, input.ip)) {
      recordEvent(db, { action: 'login_failed', actorId: null, detail: { email, reason: 'throttled' }, ip: input.ip });
    }
    return { ok: false, reason: 'throttled' };
  }
  const user = findUserByEmail(db, email);
  const usable = user && user.disabledAt === null;
  dummyHash ??= hashPassword('not a real password', cost.logN);
  const matches = await verifyPassword(input.password.slice(0, 1000), usable ? user.passwordHash : await dummyHash);
  if (!usable || !matches) {
    // The failure was counted when the attempt was reserved.
    recordEvent(db, {
      action: 'login_failed',
      actorId: null,
      detail: { email, reason: user?.disabledAt ? 'disabled' : 'bad credentials' },
      ip: input.ip,
    });
    return { ok: false, reason: 'invalid' };
  }
  writeTransaction(db, () => {
    clearFailures(db, email);
    recordEvent(db, { action: 'login', actorId: user.id, targetType: 'user', targetId: user.id, ip: input.ip });
  });
  return { ok: true, user };
}

export async function changePassword(
  db: Db,
  userId: number,
  input: { current: string; next: string },
  cost: PasswordCost = {},
  /** The session making the change stays open; every other session of the user ends. */
  client: { sessionId?: number; ip?: string } = {},
): Promise<void> {
  const user = getUser(db, userId);
  // Guessing the current password (at a desk left signed in) is throttled like signing in.
  if (!reserveAttempt(db, user.email, client.ip ?? '')) throw new Invalid('Too many failed attempts. Wait 15 minutes, then try again.');
  if (!(await verifyPassword(input.current, user.passwordHash))) throw new Invalid('Your current password is not right.');
  clearFailures(db, user.email);
  const problem = passwordProblem(input.next);
  if (problem) throw new Invalid(`New password: ${problem}`);
  if (input.next === input.current) throw new Invalid('Choose a new password different from the current one.');
  const passwordHash = await hashPassword(input.next, cost.logN);
  writeTransaction(db, () => {
    db.update(t.users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: now() })
      .where(eq(t.users.id, userId))
      .run();
    db.delete(t.sessions)
      .where(and(eq(t.sessions.userId, userId), client.sessionId ? ne(t.sessions.id, client.sessionId) : undefined))
      .run();
    recordEvent(db, { action: 'password_changed', actorId: userId, targetType: 'user', targetId: userId, ip: client.ip });
  });
}

/**
 * An admin gives someone who forgot their password a new one-time password: their old password
 * stops working, every session of theirs ends (a reset is also what one does to an account that
 * may be in someone else's hands), failed attempts on their email are forgotten, and they choose
 * their own password at their next sign-in. Returns the one-time password, which is not stored.
 */
export async function resetPassword(
  db: Db,
  userId: number,
  /** The admin resetting it, or null from the command line. */
  actorId: number | null,
  ip = '',
  cost: PasswordCost = {},
): Promise<string> {
  if (userId === actorId) throw new Conflict('To change your own password, use “Change password”.');
  getUser(db, userId); // NotFound before the slow hash
  const password = generatePassword();
  const passwordHash = await hashPassword(password, cost.logN);
  writeTransaction(db, () => {
    const user = getUser(db, userId);
    db.update(t.users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: now() })
      .where(eq(t.users.id, userId))
      .run();
    endAllSessionsOf(db, userId);
    clearFailures(db, user.email);
    recordEvent(db, {
      action: 'password_reset',
      actorId,
      targetType: 'user',
      targetId: userId,
      detail: actorId === null ? { via: 'command line' } : {},
      ip,
    });
  });
  return password;
}

export function setRole(db: Db, userId: number, role: Role, actorId: number, ip = ''): void {
  if (!t.ROLES.includes(role)) throw new Invalid('Choose a role: journalist, editor or admin.');
  writeTransaction(db, () => {
    const user = getUser(db, userId);
    if (user.role === role) return;
    if (user.role === 'admin' && otherActiveAdmins(db, userId) === 0) {
      throw new Conflict('This is the last admin: make someone else an admin first.');
    }
    db.update(t.users).set({ role, updatedAt: now() }).where(eq(t.users.id, userId)).run();
    // A session carries the role it was read with on each request, so nothing else to end.
    recordEvent(db, {
      action: 'role_changed',
      actorId,
      targetType: 'user',
      targetId: userId,
      detail: { from: user.role, to: role },
      ip,
    });
  });
}

export function setDisabled(db: Db, userId: number, disabled: boolean, actorId: number, ip = ''): void {
  writeTransaction(db, () => {
    const user = getUser(db, userId);
    // Already so (a second click, a reload): not a new event, and the "disabled since" date stays.
    if ((user.disabledAt !== null) === disabled) return;
    if (disabled && userId === actorId) throw new Conflict('You cannot disable your own account.');
    if (disabled && user.role === 'admin' && otherActiveAdmins(db, userId) === 0) {
      throw new Conflict('This is the last admin: make someone else an admin first.');
    }
    db.update(t.users)
      .set({ disabledAt: disabled ? now() : null, updatedAt: now() })
      .where(eq(t.users.id, userId))
      .run();
    if (disabled) endAllSessionsOf(db, userId);
    recordEvent(db, { action: disabled ? 'user_disabled' : 'user_enabled', actorId, targetType: 'user', targetId: userId, ip });
  });
}

/**
 * An admin lifts a sign-in lock (ADR 009: 50 failures from anywhere lock an account for up to
 * 15 minutes; a colleague can be locked out on purpose, and this is the way back in). Every
 * recorded failure on the account's email is forgotten, as after a successful sign-in. The
 * permission is checked inside the transaction against the actor as stored now. An account with
 * no failures has nothing to lift: not a new event.
 */
export function unlockLogin(db: Db, actor: Actor, userId: number, ip = ''): void {
  writeTransaction(db, () => {
    const current = db.select().from(t.users).where(eq(t.users.id, actor.id)).get();
    if (!current || current.disabledAt !== null || !can(current, 'manage:users') || !can(actor, 'manage:users')) {
      throw new Forbidden('Only an admin can lift a sign-in lock.');
    }
    const user = getUser(db, userId);
    const failures = liftLock(db, user.email);
    if (failures === 0) return;
    recordEvent(db, { action: 'login_unlocked', actorId: actor.id, targetType: 'user', targetId: userId, detail: { failures }, ip });
  });
}

function otherActiveAdmins(db: Db, exceptId: number): number {
  return db
    .select({ id: t.users.id })
    .from(t.users)
    .where(and(isNull(t.users.disabledAt), eq(t.users.role, 'admin'), ne(t.users.id, exceptId)))
    .all().length;
}
