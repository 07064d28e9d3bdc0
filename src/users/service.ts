/**
 * Users: creating them, signing them in, their passwords, roles and disabling. Each change is
 * one transaction with its audit event; disabling a user ends all their sessions.
 */
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { recordEvent } from '../audit/log.js';
import { DUMMY_HASH_AT_DEFAULT_COST, generatePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { can, type Actor, type Role } from '../auth/permissions.js';
import { clearFailures, liftLock, reserveAttempt, shouldLogRefusal } from '../auth/throttle.js';
import { endAllSessionsOf } from '../auth/sessions.js';
import { writeTransaction, type Db } from '../db.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import { now } from '../lib/dates.js';
import { refused, type AccountOutcome } from './outcome.js';

export type UserRow = typeof t.users.$inferSelect;
export type PasswordCost = { logN?: number };

function normaliseEmail(email: string): string {
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

/**
 * Managing accounts needs `manage:users`, checked inside each change's transaction as well as at
 * the route. `null` is the system, for the command line and first start only (no one is signed in
 * there; whoever runs them already holds the database): a route always passes the signed-in user.
 */
function assertMayManageUsers(actor: Actor | null): void {
  if (actor !== null && !can(actor, 'manage:users')) throw new Forbidden('Only an admin can manage accounts.');
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string; mustChangePassword?: boolean; ip?: string },
  /** The admin creating it, or null for the system (command line, first start). */
  actor: Actor | null,
  cost: PasswordCost = {},
): Promise<UserRow> {
  // Hash outside the transaction: it is slow, and a transaction must not wait on it.
  return insertUser(db, await prepareUser(input, cost), actor);
}

/**
 * An admin invites a colleague (the desk's form; its fields were checked by the route): refused,
 * beside the email field, when the email is taken.
 */
export async function inviteUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string; mustChangePassword?: boolean; ip?: string },
  actor: Actor,
  cost: PasswordCost = {},
): Promise<AccountOutcome<{ user: UserRow }>> {
  const prepared = await prepareUser(input, cost);
  return writeTransaction(db, (): AccountOutcome<{ user: UserRow }> => {
    assertMayManageUsers(actor);
    if (findUserByEmail(db, prepared.email)) return refused('email', 'A user with this email already exists.', 'input');
    return { kind: 'saved', user: insertUser(db, prepared, actor) };
  });
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
export function insertUser(db: Db, prepared: PreparedUser, actor: Actor | null): UserRow {
  const { email, name, role, passwordHash, mustChangePassword, ip } = prepared;
  const actorId = actor?.id ?? null;
  return writeTransaction(db, () => {
    assertMayManageUsers(actor);
    if (findUserByEmail(db, email)) throw new Conflict('A user with this email already exists.');
    const user = db.insert(t.users).values({ email, name, role, passwordHash, mustChangePassword }).returning().get();
    recordEvent(db, { action: 'user_created', actorId, targetType: 'user', targetId: user.id, detail: { email, role }, ip });
    return user;
  });
}

// Other costs than the default (tests) compute their dummy hash once.
let dummyHash: Promise<string> | undefined;

type LoginResult = { ok: true; user: UserRow } | { ok: false; reason: 'invalid' | 'throttled' };

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
  const dummy = cost.logN === undefined ? DUMMY_HASH_AT_DEFAULT_COST : await (dummyHash ??= hashPassword('not a real password', cost.logN));
  const matches = await verifyPassword(input.password.slice(0, 1000), usable ? user.passwordHash : dummy);
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
  /** `confirm`: the new password typed a second time, as the form asks for it (the CLI does not). */
  input: { current: string; next: string; confirm?: string },
  cost: PasswordCost = {},
  /** The session making the change stays open; every other session of the user ends. */
  client: { sessionId?: number; ip?: string } = {},
): Promise<AccountOutcome> {
  const user = getUser(db, userId);
  // Guessing the current password (at a desk left signed in) is throttled like signing in.
  if (!reserveAttempt(db, user.email, client.ip ?? '')) return refused('current', 'Too many failed attempts. Wait 15 minutes, then try again.', 'throttled');
  if (!(await verifyPassword(input.current, user.passwordHash))) return refused('current', 'Your current password is not right.', 'input');
  clearFailures(db, user.email);
  const problem = passwordProblem(input.next);
  if (problem) return refused('next', `New password: ${problem}`, 'input');
  if (input.next === input.current) return refused('next', 'Choose a new password different from the current one.', 'input');
  if (input.confirm !== undefined && input.confirm !== input.next) return refused('confirm', 'The new password and its repetition are not the same: type it twice alike.', 'input');
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
  return { kind: 'saved' };
}

/**
 * An admin gives someone who forgot their password a new one-time password: their old password
 * stops working, every session of theirs ends (a reset is also what one does to an account that
 * may be in someone else's hands), failed attempts on their email are forgotten, and they choose
 * their own password at their next sign-in. Returns the one-time password, which is not stored;
 * refused (409) for one's own account.
 */
export async function resetPassword(
  db: Db,
  userId: number,
  /** The admin resetting it, or null for the system (the command line). */
  actor: Actor | null,
  ip = '',
  cost: PasswordCost = {},
): Promise<AccountOutcome<{ password: string }>> {
  const actorId = actor?.id ?? null;
  if (userId === actorId) return refused('password', 'To change your own password, use “Change password”.', 'conflict');
  getUser(db, userId); // NotFound before the slow hash
  const password = generatePassword();
  const passwordHash = await hashPassword(password, cost.logN);
  writeTransaction(db, () => {
    assertMayManageUsers(actor);
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
  return { kind: 'saved', password };
}

/** Refused (422) for a role that is not one, and (409) for the last admin's own demotion. */
export function setRole(db: Db, userId: number, role: string, actor: Actor, ip = ''): AccountOutcome {
  if (!(t.ROLES as readonly string[]).includes(role)) return refused('role', 'Choose a role: journalist, editor or admin.', 'input');
  const actorId = actor.id;
  return writeTransaction(db, (): AccountOutcome => {
    assertMayManageUsers(actor);
    const user = getUser(db, userId);
    if (user.role === role) return { kind: 'saved' };
    if (user.role === 'admin' && otherActiveAdmins(db, userId) === 0) {
      return refused('role', 'This is the last admin: make someone else an admin first.', 'conflict');
    }
    db.update(t.users).set({ role: role as Role, updatedAt: now() }).where(eq(t.users.id, userId)).run();
    // A session carries the role it was read with on each request, so nothing else to end.
    recordEvent(db, {
      action: 'role_changed',
      actorId,
      targetType: 'user',
      targetId: userId,
      detail: { from: user.role, to: role },
      ip,
    });
    return { kind: 'saved' };
  });
}

/** Refused (409) for one's own account and for the last admin. */
export function setDisabled(db: Db, userId: number, disabled: boolean, actor: Actor, ip = ''): AccountOutcome {
  const actorId = actor.id;
  return writeTransaction(db, (): AccountOutcome => {
    assertMayManageUsers(actor);
    const user = getUser(db, userId);
    // Already so (a second click, a reload): not a new event, and the "disabled since" date stays.
    if ((user.disabledAt !== null) === disabled) return { kind: 'saved' };
    if (disabled && userId === actorId) return refused('disabled', 'You cannot disable your own account.', 'conflict');
    if (disabled && user.role === 'admin' && otherActiveAdmins(db, userId) === 0) {
      return refused('disabled', 'This is the last admin: make someone else an admin first.', 'conflict');
    }
    db.update(t.users)
      .set({ disabledAt: disabled ? now() : null, updatedAt: now() })
      .where(eq(t.users.id, userId))
      .run();
    if (disabled) endAllSessionsOf(db, userId);
    recordEvent(db, { action: disabled ? 'user_disabled' : 'user_enabled', actorId, targetType: 'user', targetId: userId, ip });
    return { kind: 'saved' };
  });
}

/**
 * An admin lifts a sign-in lock (ADR 009: 50 failures from anywhere lock an account for up to
 * 15 minutes; a colleague can be locked out on purpose, and this is the way back in). Every
 * recorded failure on the account's email is forgotten, as after a successful sign-in. The
 * permission is checked inside the transaction against the actor as stored now. An account with
 * no failures has nothing to lift: not a new event.
 */
export function unlockLogin(db: Db, actor: Actor, userId: number, ip = ''): AccountOutcome {
  return writeTransaction(db, (): AccountOutcome => {
    const current = db.select().from(t.users).where(eq(t.users.id, actor.id)).get();
    if (!current || current.disabledAt !== null || !can(current, 'manage:users') || !can(actor, 'manage:users')) {
      throw new Forbidden('Only an admin can lift a sign-in lock.');
    }
    const user = getUser(db, userId);
    const failures = liftLock(db, user.email);
    if (failures > 0) recordEvent(db, { action: 'login_unlocked', actorId: actor.id, targetType: 'user', targetId: userId, detail: { failures }, ip });
    return { kind: 'saved' };
  });
}

function otherActiveAdmins(db: Db, exceptId: number): number {
  return db
    .select({ id: t.users.id })
    .from(t.users)
    .where(and(isNull(t.users.disabledAt), eq(t.users.role, 'admin'), ne(t.users.id, exceptId)))
    .all().length;
}
