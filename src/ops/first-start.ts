/**
 * What every start does to the database before serving: apply the migrations, load the first
 * story into an empty database, create the first admin when there is no user. All of it is one
 * BEGIN IMMEDIATE transaction, so two processes started at once on a new database do not both do
 * it: the second waits for the lock, then finds the work done.
 */
import { BUSY_TIMEOUT_MS, migrateDatabase, writeTransaction, type Db } from '../db.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';
import { insertFirstAdminIfNoUser, prepareFirstAdmin, type FirstAdmin } from '../users/first-admin.js';
import type { PasswordCost } from '../users/service.js';

/** Long enough for another process's first start (migrations and the first story) on a busy machine. */
const FIRST_START_WAIT_MS = 60_000;

export async function prepareDatabaseForServing(
  db: Db,
  firstAdmin: { email: string | undefined; password: string | undefined },
  cost: PasswordCost = {},
): Promise<{ storyLoaded: boolean; admin: FirstAdmin | null }> {
  // Hashed before the lock is taken, and only thrown away if another process made a user first.
  const prepared = hasUsers(db) ? null : await prepareFirstAdmin(firstAdmin, cost);
  db.$client.pragma(`busy_timeout = ${FIRST_START_WAIT_MS}`);
  try {
    return writeTransaction(db, () => {
      migrateDatabase(db);
      const storyLoaded = loadFirstStoryIfEmpty(db);
      const admin = prepared ? insertFirstAdminIfNoUser(db, prepared) : null;
      return { storyLoaded, admin };
    });
  } finally {
    db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/** Whether the database already has an account (false for a new, unmigrated one). */
function hasUsers(db: Db): boolean {
  const sqlite = db.$client;
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get();
  return table !== undefined && sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
}
