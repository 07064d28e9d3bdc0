/**
 * The first start of an empty desk: with no user at all, create an admin so someone can sign in.
 * The email and password come from ADMIN_EMAIL / ADMIN_PASSWORD, or a one-time password is
 * generated, printed once by the server, and must be changed at first sign-in.
 */
import type { Db } from '../db.js';
import { generatePassword } from '../auth/passwords.js';
import { insertUser, listUsers, prepareUser, type PasswordCost, type PreparedUser } from './service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@claimdesk.local';

export type FirstAdmin = { email: string; password: string | null };
type PreparedFirstAdmin = { user: PreparedUser; oneTimePassword: string | null };

/** The account's fields and password hash, computed before the write lock is taken (hashing is slow). */
export async function prepareFirstAdmin(
  given: { email: string | undefined; password: string | undefined },
  cost: PasswordCost = {},
): Promise<PreparedFirstAdmin> {
  const password = given.password ?? generatePassword();
  const email = given.email ?? DEFAULT_ADMIN_EMAIL;
  const user = await prepareUser({ email, name: 'Administrator', role: 'admin', password, mustChangePassword: given.password === undefined }, cost);
  // A password the operator chose is theirs already: it is never printed.
  return { user, oneTimePassword: given.password === undefined ? password : null };
}

/** Inside a write transaction: the admin, unless someone (another process starting at once) made a user first. */
export function insertFirstAdminIfNoUser(db: Db, prepared: PreparedFirstAdmin): FirstAdmin | null {
  if (listUsers(db).length > 0) return null;
  insertUser(db, prepared.user, null);
  return { email: prepared.user.email, password: prepared.oneTimePassword };
}
