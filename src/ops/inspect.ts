/**
 * Recognising a Claimdesk database before trusting it: the file starts with SQLite's header, passes
 * `PRAGMA integrity_check`, has the migrations table and the tables Claimdesk keeps its claims in,
 * and was not made by a newer Claimdesk than this one (its latest migration is one we know).
 * Returns what a person wants to see about a backup: size of the story, claims and revisions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { projectRoot } from '../config.js';
import { OpsError } from './errors.js';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Tables without which a file is not a Claimdesk database. */
export const REQUIRED_TABLES = ['__drizzle_migrations', 'stories', 'claims', 'revisions'] as const;

export type DatabaseSummary = {
  stories: number;
  claims: number;
  revisions: number;
  users: number;
  migrations: number;
  /** `created_at` of the newest migration applied (drizzle stores the migration's timestamp). */
  latestMigration: number | null;
};

/** Refuse a file that is missing, not a regular file, or does not start with SQLite's header. */
export function assertSqliteFile(file: string, label: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new OpsError(`${label} ${file} does not exist.`);
  }
  if (!stat.isFile()) throw new OpsError(`${label} ${file} is not a file.`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < header.length || !header.equals(SQLITE_HEADER)) {
    throw new OpsError(`${label} ${file} is not a SQLite database${stat.size === 0 ? ' (it is empty)' : ''}.`);
  }
}

function count(sqlite: Database.Database, table: string): number {
  const value = sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
  return typeof value === 'number' ? value : 0;
}

/**
 * Check an open database and count what it holds. `label` names it in messages ("The backup").
 * Runs the full integrity check: it reads every page, which is what we want before a restore.
 */
export function inspectDatabase(sqlite: Database.Database, label: string): DatabaseSummary {
  let problems: string[];
  try {
    problems = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpsError(
      code.startsWith('SQLITE_CORRUPT') ? `${label} is damaged (${reason}).` : `${label} cannot be read as a SQLite database (${reason}).`,
    );
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new OpsError(`${label} fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}.`);
  }
  const tables = new Set(
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missing.length) {
    throw new OpsError(`${label} is a SQLite database but not a Claimdesk database (it has no ${missing.join(', ')} table).`);
  }
  const latest = sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get();
  return {
    stories: count(sqlite, 'stories'),
    claims: count(sqlite, 'claims'),
    revisions: count(sqlite, 'revisions'),
    users: tables.has('users') ? count(sqlite, 'users') : 0,
    migrations: count(sqlite, '__drizzle_migrations'),
    latestMigration: typeof latest === 'number' ? latest : latest === null ? null : Number(latest),
  };
}

/** The timestamp of the newest migration this version of Claimdesk ships. */
export function newestKnownMigration(): number | null {
  const journal = path.join(projectRoot, 'db', 'migrations', 'meta', '_journal.json');
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(journal, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('entries' in parsed) || !Array.isArray(parsed.entries)) return null;
    const times = (parsed.entries as unknown[])
      .map((entry) => (typeof entry === 'object' && entry !== null && 'when' in entry ? Number(entry.when) : NaN))
      .filter((when) => Number.isFinite(when));
    return times.length ? Math.max(...times) : null;
  } catch {
    return null;
  }
}

export function describeSummary(summary: DatabaseSummary): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(summary.stories, 'story', 'stories'),
    plural(summary.claims, 'claim', 'claims'),
    plural(summary.revisions, 'revision', 'revisions'),
    plural(summary.users, 'user', 'users'),
  ].join(', ');
}
