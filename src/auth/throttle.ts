/**
 * Login throttling: failed logins are counted per account (the email typed, whether or not it
 * exists, so the answer reveals nothing) and per client address, over a sliding window.
 */
import { and, count, eq, gt, lt } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Db } from '../db.js';

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
}

export function isThrottled(db: Db, email: string, ip: string, now = new Date()): boolean {
  const since = windowStart(now);
  const byAccount = db
    .select({ n: count() })
    .from(t.loginFailures)
    .where(and(eq(t.loginFailures.email, email), gt(t.loginFailures.at, since)))
    .get();
  if ((byAccount?.n ?? 0) >= THROTTLE.perAccount) return true;
  const byAddress = db
    .select({ n: count() })
    .from(t.loginFailures)
    .where(and(eq(t.loginFailures.ip, ip), gt(t.loginFailures.at, since)))
    .get();
  return (byAddress?.n ?? 0) >= THROTTLE.perAddress;
}

export function recordFailure(db: Db, email: string, ip: string, now = new Date()): void {
  db.insert(t.loginFailures).values({ email: email.slice(0, 320), ip: ip.slice(0, 100), at: now.toISOString() }).run();
  // Old rows are no use to the window: keep the table small.
  db.delete(t.loginFailures).where(lt(t.loginFailures.at, windowStart(now))).run();
}

export function clearFailures(db: Db, email: string): void {
  db.delete(t.loginFailures).where(eq(t.loginFailures.email, email)).run();
}
