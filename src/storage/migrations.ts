/**
 * Applying the committed migrations inside the caller's write transaction. drizzle's own
 * migrator reads which migrations are applied before it takes the write lock and opens its own
 * BEGIN, so two processes starting on a new database both try to create the tables. This does
 * the same work, in drizzle's bookkeeping table and format, under a lock already held.
 */
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

const TABLE = '__drizzle_migrations';

/** Call inside a write transaction. Returns how many migrations were applied. */
export function applyPendingMigrations(sqlite: Database.Database, migrationsFolder: string): number {
  if (!sqlite.inTransaction) throw new Error('applyPendingMigrations must run inside a write transaction');
  const migrations = readMigrationFiles({ migrationsFolder });
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const last = sqlite.prepare(`SELECT created_at FROM "${TABLE}" ORDER BY created_at DESC LIMIT 1`).pluck().get();
  let applied = 0;
  for (const migration of migrations) {
    if (last !== undefined && Number(last) >= migration.folderMillis) continue;
    for (const statement of migration.sql) sqlite.exec(statement);
    sqlite.prepare(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`).run(migration.hash, migration.folderMillis);
    applied++;
  }
  return applied;
}
