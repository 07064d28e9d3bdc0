/**
 * An online backup of the live database while Claimdesk runs. `VACUUM INTO` copies the database
 * inside one read transaction, so the copy is a consistent snapshot: every transaction committed
 * before it started is in it, none that was half done, and writers are not blocked meanwhile (WAL
 * mode). The copy is written under a temporary name in the destination's directory, checked
 * (`integrity_check`, Claimdesk's tables), made readable by its owner only (it holds unpublished
 * material), flushed to disk, and only then renamed to the name asked for: a failed or
 * interrupted backup never leaves a half-written file under that name.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from './errors.js';
import { existingSideFiles, fsyncFile, removeWithSideFiles, renameDurably, temporaryNameFor } from './files.js';
import { REQUIRED_TABLES, assertSqliteFile, inspectDatabase, type DatabaseSummary } from './inspect.js';

type BackupResult = { file: string; bytes: number; summary: DatabaseSummary };

/** The same wait as the app's (src/db.ts): a backup waits out a WAL recovery, it never fails on it. */
const BUSY_TIMEOUT_MS = 5000;

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [x, y] = [fs.statSync(a), fs.statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function checkDestination(source: string, destination: string, force: boolean): void {
  if (sameFile(source, destination)) throw new OpsError(`The backup file cannot be the database itself (${source}).`);
  const dir = path.dirname(destination);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new OpsError(`The directory ${dir} does not exist: create it first, or choose another place for the backup.`);
  }
  if (fs.existsSync(destination)) {
    if (fs.statSync(destination).isDirectory()) throw new OpsError(`${destination} is a directory: give the backup a file name.`);
    if (!force) throw new OpsError(`${destination} already exists. Choose another name, or add --force to replace it.`);
  }
}

/** Copy the live database at `source` to `destination`. Throws OpsError on anything the user can fix. */
export function backupDatabase(options: { source: string; destination: string; force?: boolean }): BackupResult {
  const source = path.resolve(options.source);
  const destination = path.resolve(options.destination);
  const force = options.force ?? false;
  assertSqliteFile(source, 'The database (DATABASE_PATH)');
  checkDestination(source, destination, force);

  // Read-write, not read-only: a read-only connection cannot recover a WAL left by a crash, and it
  // leaves -wal/-shm files behind when the app is stopped. Nothing is written through it.
  const live = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  const temp = temporaryNameFor(destination, 'backup');
  try {
    const tables = new Set(live.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
    if (missing.length) throw new OpsError(`${source} is not a Claimdesk database (it has no ${missing.join(', ')} table).`);
    live.prepare('VACUUM INTO ?').run(temp);
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  } finally {
    live.close();
  }

  try {
    fs.chmodSync(temp, 0o600);
    const copy = new Database(temp, { readonly: true, fileMustExist: true });
    let summary: DatabaseSummary;
    try {
      summary = inspectDatabase(copy, 'The backup just written');
    } finally {
      copy.close();
    }
    fsyncFile(temp);
    // Side files of the file being replaced would be read as part of the new one: remove them.
    if (force) for (const side of existingSideFiles(destination)) fs.rmSync(side, { force: true });
    renameDurably(temp, destination);
    return { file: destination, bytes: fs.statSync(destination).size, summary };
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  }
}
