/**
 * The first start of an empty desk: with no user at all, create an admin so someone can sign in.
 * The email and password come from ADMIN_EMAIL / ADMIN_PASSWORD, or a one-time password is
 * generated, printed once by the server, and must be changed at first sign-in.
 */
import type { Db } from '../db.js';
import { generatePassword } from '../auth/passwords.js';
import { createUser, listUsers, type PasswordCost } from './service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@claimdesk.local';

export async function ensureFirstAdmin(
  db: Db,
  given: { email: string | undefined; password: string | undefined },
  cost: PasswordCost = {},
): Promise<{ email: string; password: string | null } | null> {
  if (listUsers(db).length > 0) return null;
  const password = given.password ?? generatePassword();
  const email = given.email ?? DEFAULT_ADMIN_EMAIL;
  await createUser(
    db,
    { email, name: 'Administrator', role: 'admin', password, mustChangePassword: given.password === undefined },
    null,
    cost,
  );
  // A password the operator chose is theirs already: it is never printed.
  return { email, password: given.password === undefined ? password : null };
}
