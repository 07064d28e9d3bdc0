/**
 * Opening the database: one better-sqlite3 connection with the pragmas Claimdesk relies on,
 * wrapped by drizzle, and the committed migrations applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../db/schema/index.js';
import { projectRoot } from './config.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives power loss, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: path.join(projectRoot, 'db', 'migrations') });
  db.$client.prepare('INSERT OR IGNORE INTO publication_state (id, generation) VALUES (1, 1)').run();
}

/**
 * Run `work` in a BEGIN IMMEDIATE transaction: it takes the write lock before reading, so a
 * read-then-write cannot be overtaken by another writer. `work` must be synchronous.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}

/** Tell the public page cache that what readers see has changed. Call inside the write. */
export function bumpPublicationGeneration(db: Db): void {
  db.$client
    .prepare(
      "UPDATE publication_state SET generation = generation + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = 1",
    )
    .run();
}

export function publicationGeneration(db: Db): number {
  const row = db.$client.prepare('SELECT generation FROM publication_state WHERE id = 1').pluck().get();
  return typeof row === 'number' ? row : 0;
}
