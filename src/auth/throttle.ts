/**
 * Login throttling over a sliding window of recorded failures. Three limits:
 *  - one account from one address (the email typed, whether or not it exists, so the answer
 *    reveals nothing): the ordinary guesser;
 *  - one address across accounts: someone trying many emails;
 *  - one account from all addresses together, set higher: a guess spread over many addresses.
 * A refused (throttled) attempt checks no password and is not counted as a failure, so a lock ends
 * when the window has passed over the real failures; someone who knows a colleague's email cannot
 * keep them locked out from another address just by trying every few minutes (ADR 009).
 */
import { and, count, eq, gt, lt } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';

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

export function isThrottled(db: Db, email: string, ip: string, now = new Date()): boolean {
  const since = windowStart(now);
  return (
    failuresSince(db, since, { email, ip }) >= THROTTLE.perAccountAndAddress ||
    failuresSince(db, since, { ip }) >= THROTTLE.perAddress ||
    failuresSince(db, since, { email }) >= THROTTLE.perAccount
  );
}

export function recordFailure(db: Db, email: string, ip: string, now = new Date()): void {
  db.insert(t.loginFailures).values({ email: email.slice(0, 320), ip: ip.slice(0, 100), at: now.toISOString() }).run();
  // Old rows are no use to the window: keep the table small.
  db.delete(t.loginFailures).where(lt(t.loginFailures.at, windowStart(now))).run();
}

export function clearFailures(db: Db, email: string): void {
  db.delete(t.loginFailures).where(eq(t.loginFailures.email, email)).run();
}
