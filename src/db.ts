/**
 * Opening the database: one better-sqlite3 connection with the pragmas Claimdesk relies on,
 * wrapped by drizzle, and the committed migrations applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../db/schema/index.js';
import { projectRoot } from './config.js';
import { storageErrorCode } from './storage/errors.js';
import { applyPendingMigrations } from './storage/migrations.js';
import { noteWriteFailed, noteWriteSucceeded } from './storage/write-health.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // First: switching a new file to WAL takes a lock that another process starting at once may hold.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives power loss, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  reuseStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * drizzle prepares its SQL afresh on every query, and preparing is a fifth of a public page's
 * render. The same SQL text gets the same statement back instead (the most recent few hundred),
 * with its modes reset: `.raw()`, `.pluck()` and `.expand()` persist on a statement. A statement
 * still being iterated is never handed out twice.
 */
function reuseStatements(sqlite: Database.Database, size = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const known = cache.get(source);
    if (known && !known.busy) {
      cache.delete(source);
      cache.set(source, known);
      if (known.reader) known.raw(false).pluck(false).expand(false);
      return known;
    }
    const statement = prepare(source);
    if (!known) {
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * A query drizzle builds and prepares once per connection and then runs with its placeholders'
 * values (`sql.placeholder('name')`). Building the SQL text from the query builder costs more
 * than running a small indexed read: for the reads every desk page makes (the session, the
 * dashboard's lists), this keeps the building out of the request (decision 030).
 */
export function preparedOnce<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const byConnection = new WeakMap<Db, Query>();
  return (db) => {
    let query = byConnection.get(db);
    if (query === undefined) byConnection.set(db, (query = build(db)));
    return query;
  };
}

/**
 * `column IN (…)` for a prepared query: the values come as one JSON array in the placeholder
 * `name` (`listParam(ids)`), so a list of any length runs the same statement.
 */
export function inList(column: SQLWrapper, name: string): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;
}

/** The value of an `inList` placeholder. */
export function listParam(values: readonly (number | string)[]): string {
  return JSON.stringify(values);
}

/** Apply the committed migrations, under the write lock (inside the caller's transaction, if any). */
export function migrateDatabase(db: Db): void {
  writeTransaction(db, () => {
    applyPendingMigrations(db.$client, path.join(projectRoot, 'db', 'migrations'));
    db.$client.prepare('INSERT OR IGNORE INTO publication_state (id, generation) VALUES (1, 1)').run();
  });
}

/**
 * Run `work` in a BEGIN IMMEDIATE transaction: it takes the write lock before reading, so a
 * read-then-write cannot be overtaken by another writer. `work` must be synchronous. Inside
 * another transaction it is a savepoint. A storage failure (disk full, read-only, I/O error) is
 * remembered for /healthz until a later write commits.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  const outermost = !db.$client.inTransaction;
  try {
    const result = db.$client.transaction(work).immediate();
    if (outermost) noteWriteSucceeded(db.$client);
    return result;
  } catch (error) {
    const code = storageErrorCode(error);
    if (code) noteWriteFailed(db.$client, code);
    throw error;
  }
}

/**
 * Tell the public page cache that what readers see has changed. Call inside the write, naming
 * what changed as page keys (`story:3`, `party:7`, `claim:12`, `source:4`; see
 * src/publication/page-keys.ts): only the cached pages showing one of them are rendered again.
 * Without keys every page is. The keys are kept in this process beside the generation they
 * produced; another process that sees the generation move without them empties its whole cache.
 */
export function bumpPublicationGeneration(db: Db, changed?: Iterable<string>): void {
  const generation = db.$client
    .prepare(
      "UPDATE publication_state SET generation = generation + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = 1 RETURNING generation",
    )
    .pluck()
    .get() as number;
  const journal = journalOf(db);
  // A rolled-back write leaves its keys behind and the next write reuses the number: the union
  // evicts a little more than needed, never less.
  const known = journal.get(generation);
  journal.set(generation, changed && known !== null ? new Set([...(known ?? []), ...changed]) : null);
  if (journal.size > JOURNAL_SIZE) journal.delete(journal.keys().next().value!);
  bumpsOf(db).count++;
}

const bumps = new WeakMap<Database.Database, { count: number }>();

function bumpsOf(db: Db): { count: number } {
  let seen = bumps.get(db.$client);
  if (!seen) bumps.set(db.$client, (seen = { count: 0 }));
  return seen;
}

/**
 * How many times this process moved the publication generation on this connection: the page
 * cache compares it on every request (a number, no SQL) and reads the generation only when it
 * moved, or when its cross-process recheck is due. A bump in a write that rolls back counts too:
 * the cache then reads an unchanged generation and keeps everything.
 */
export function localPublicationBumps(db: Db): { readonly count: number } {
  return bumpsOf(db);
}

const JOURNAL_SIZE = 10_000;
const journals = new WeakMap<Database.Database, Map<number, Set<string> | null>>();

function journalOf(db: Db): Map<number, Set<string> | null> {
  let journal = journals.get(db.$client);
  if (!journal) journals.set(db.$client, (journal = new Map()));
  return journal;
}

/**
 * What changed for readers after generation `from` up to `to`, as page keys; null when that is
 * not known here (another process wrote, or a write named no keys): then everything did.
 */
export function publicChangesBetween(db: Db, from: number, to: number): Set<string> | null {
  if (to - from > JOURNAL_SIZE) return null;
  const journal = journalOf(db);
  const keys = new Set<string>();
  for (let generation = from + 1; generation <= to; generation++) {
    const changed = journal.get(generation);
    if (!changed) return null;
    for (const key of changed) keys.add(key);
  }
  return keys;
}

export function publicationGeneration(db: Db): number {
  const row = db.$client.prepare('SELECT generation FROM publication_state WHERE id = 1').pluck().get();
  return typeof row === 'number' ? row : 0;
}
