/**
 * Login throttling over a sliding window of recorded failures. Three limits:
 *  - one account from one address (the email typed, whether or not it exists, so the answer
 *    reveals nothing): the ordinary guesser;
 *  - one address across accounts: someone trying many emails;
 *  - one account from all addresses together, set higher: a guess spread over many addresses.
 * A refused (throttled) attempt checks no password and is not counted as a failure, so a lock ends
 * when the window has passed over the real failures; someone who knows a colleague's email cannot
 * keep them locked out from another address just by trying every few minutes (ADR 009).
 *
 * An attempt is counted before its password is checked (`reserveAttempt`): checking takes a
 * hash's time, and attempts sent all at once would otherwise all pass the limit before the first
 * was counted. A successful sign-in removes its email's failures, the reservation included.
 */
import { and, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { writeTransaction, type Db } from '../db.js';

export const THROTTLE = { windowMinutes: 15, perAccountAndAddress: 5, perAddress: 20, perAccount: 50 };

function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
}

function failuresSince(db: Db, since: string, where: { email?: string; ip?: string }): number {
  const conditions = [gt(t.loginFailures.at, since)];
  if (where.email !== undefined) conditions.push(eq(t.loginFailures.email, where.email));
  if (where.ip !== undefined) conditions.push(eq(t.loginFailures.ip, where.ip));
  return db.select({ n: count() }).from(t.loginFailures).where(and(...conditions)).get()?.n ?? 0;
}

function isThrottled(db: Db, email: string, ip: string, now = new Date()): boolean {
  const since = windowStart(now);
  return (
    failuresSince(db, since, { email, ip }) >= THROTTLE.perAccountAndAddress ||
    failuresSince(db, since, { ip }) >= THROTTLE.perAddress ||
    failuresSince(db, since, { email }) >= THROTTLE.perAccount
  );
}

/**
 * Count an attempt as failed before checking it, or refuse it (false) when a limit is reached.
 * Synchronous and in one transaction, so no other attempt can slip between the check and the count.
 */
export function reserveAttempt(db: Db, email: string, ip: string, now = new Date()): boolean {
  return writeTransaction(db, () => {
    if (isThrottled(db, email, ip, now)) return false;
    recordFailure(db, email, ip, now);
    return true;
  });
}

/**
 * Whether a refusal is worth an audit row: the first per email and address in a minute. A refused
 * attempt costs its sender nothing, so logging every one would let anyone grow the log without end.
 */
const loggedRefusals = new WeakMap<Db, Map<string, number>>();
export function shouldLogRefusal(db: Db, email: string, ip: string, now = Date.now()): boolean {
  let lastLoggedRefusal = loggedRefusals.get(db);
  if (!lastLoggedRefusal) loggedRefusals.set(db, (lastLoggedRefusal = new Map()));
  const key = `${email}\n${ip}`;
  const last = lastLoggedRefusal.get(key);
  if (last !== undefined && now - last < 60_000) return false;
  lastLoggedRefusal.delete(key);
  lastLoggedRefusal.set(key, now);
  if (lastLoggedRefusal.size > 10_000) lastLoggedRefusal.delete(lastLoggedRefusal.keys().next().value!);
  return true;
}

function recordFailure(db: Db, email: string, ip: string, now = new Date()): void {
  db.insert(t.loginFailures).values({ email: email.slice(0, 320), ip: ip.slice(0, 100), at: now.toISOString() }).run();
  // Old rows are no use to the window: keep the table small.
  db.delete(t.loginFailures).where(lt(t.loginFailures.at, windowStart(now))).run();
}

export function clearFailures(db: Db, email: string): void {
  db.delete(t.loginFailures).where(eq(t.loginFailures.email, email)).run();
}

/**
 * Accounts locked by the per-account limit (50 failures from anywhere in the window), each with
 * when the lock ends by itself: the 50th most recent failure leaving the window. Refused attempts
 * are not counted, so nothing can push that time further while the lock holds.
 */
export function lockedAccounts(db: Db, now = new Date()): Map<string, string> {
  const since = windowStart(now);
  const locked = db
    .select({ email: t.loginFailures.email })
    .from(t.loginFailures)
    .where(gt(t.loginFailures.at, since))
    .groupBy(t.loginFailures.email)
    .having(gte(sql`count(*)`, THROTTLE.perAccount))
    .all();
  const until = new Map<string, string>();
  for (const { email } of locked) {
    const oldestCounted = db
      .select({ at: t.loginFailures.at })
      .from(t.loginFailures)
      .where(and(eq(t.loginFailures.email, email), gt(t.loginFailures.at, since)))
      .orderBy(desc(t.loginFailures.at))
      .limit(1)
      .offset(THROTTLE.perAccount - 1)
      .get();
    if (oldestCounted) until.set(email, new Date(Date.parse(oldestCounted.at) + THROTTLE.windowMinutes * 60_000).toISOString());
  }
  return until;
}

/** Forget an email's failures, as a successful sign-in does; returns how many there were. */
export function liftLock(db: Db, email: string): number {
  return db.delete(t.loginFailures).where(eq(t.loginFailures.email, email)).run().changes;
}
