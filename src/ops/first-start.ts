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
      refreshPlannerStatistics(db);
      return { storyLoaded, admin };
    });
  } finally {
    db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * SQLite's planner needs table statistics to know that "state = 'published'" matches most claims:
 * without them it walks every published claim instead of one question's stances (/corrections took
 * 320 ms at 100,000 claims instead of 16 ms). `PRAGMA optimize` gathers them where they are missing
 * or stale, sampling a bounded number of rows (analysis_limit) so a start stays quick however large
 * the database. Done here, under the start's write lock, not at every open: a connection opened by
 * a CLI or a test must not write.
 */
function refreshPlannerStatistics(db: Db): void {
  db.$client.pragma('analysis_limit = 1000');
  db.$client.pragma('optimize = 0x10002');
}

/** Whether the database already has an account (false for a new, unmigrated one). */
function hasUsers(db: Db): boolean {
  const sqlite = db.$client;
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get();
  return table !== undefined && sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
}
