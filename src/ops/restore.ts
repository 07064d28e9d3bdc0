/**
 * Restoring a backup into the database file Claimdesk uses. The backup is copied beside the
 * target under a temporary name and checked there (a SQLite file, `integrity_check` ok, Claimdesk's
 * tables, not made by a newer Claimdesk), so the backup itself is never modified. Then, only if
 * no process has the target open (src/ops/in-use.ts) and while holding its lock, the current
 * database is kept under `<file>.before-restore-<time>` (a hard link, so the database name never
 * points at nothing) and the checked copy is renamed over the database name. Nothing is deleted:
 * a restore can be undone by restoring the kept file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from './errors.js';
import {
  SIDE_SUFFIXES,
  existingSideFiles,
  fileTimestamp,
  fsyncDirectory,
  fsyncFile,
  removeWithSideFiles,
  renameDurably,
  temporaryNameFor,
} from './files.js';
import { holdIdleDatabase } from './in-use.js';
import { assertSqliteFile, inspectDatabase, newestKnownMigration, type DatabaseSummary } from './inspect.js';

type RestoreResult = {
  backup: string;
  target: string;
  /** Where the database that was replaced is kept, or null if there was none. */
  keptAs: string | null;
  summary: DatabaseSummary;
  /** The backup predates some of this version's migrations: they run when Claimdesk next starts. */
  migrationsPending: boolean;
};

function refuseBackupWithJournal(backup: string): void {
  for (const suffix of ['-wal', '-journal'] as const) {
    const side = backup + suffix;
    if (fs.existsSync(side) && fs.statSync(side).size > 0) {
      throw new OpsError(
        `The backup has a ${suffix} file beside it (${side}): part of its data may be in that file. ` +
          'Make backups with `npm run backup`, or open the file once with the sqlite3 shell so it is folded in.',
      );
    }
  }
}

/** Copy and check the backup beside the target; returns the checked copy's name and contents. */
function prepareCopy(backup: string, target: string): { temp: string; summary: DatabaseSummary; migrationsPending: boolean } {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = temporaryNameFor(target, 'restore');
  try {
    fs.copyFileSync(backup, temp);
    const copy = new Database(temp, { fileMustExist: true });
    let summary: DatabaseSummary;
    try {
      summary = inspectDatabase(copy, `The backup ${backup}`);
      // A single self-contained file: Claimdesk switches it back to WAL when it opens it.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    for (const side of existingSideFiles(temp)) fs.rmSync(side, { force: true });
    const newest = newestKnownMigration();
    if (newest !== null && summary.latestMigration !== null && summary.latestMigration > newest) {
      throw new OpsError(
        `The backup ${backup} was made by a newer version of Claimdesk (it has migrations this version does not know). ` +
          'Restore it with that version.',
      );
    }
    fsyncFile(temp);
    return { temp, summary, migrationsPending: newest !== null && (summary.latestMigration ?? 0) < newest };
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  }
}

/** Restore `backup` into `target` (DATABASE_PATH). Throws OpsError on anything the user can fix. */
export function restoreDatabase(options: { backup: string; target: string; now?: Date }): RestoreResult {
  const backup = path.resolve(options.backup);
  const target = path.resolve(options.target);
  if (backup === target) throw new OpsError(`The backup is the database itself (${target}): nothing to restore.`);
  assertSqliteFile(backup, 'The backup');
  refuseBackupWithJournal(backup);

  const { temp, summary, migrationsPending } = prepareCopy(backup, target);
  try {
    const targetExists = fs.existsSync(target);
    if (targetExists) {
      try {
        assertSqliteFile(target, 'The current database (DATABASE_PATH)');
      } catch (error) {
        if (!(error instanceof OpsError)) throw error;
        throw new OpsError(`${error.message} Make sure Claimdesk is stopped, move that file aside yourself, then restore.`);
      }
    }
    const hold = targetExists ? holdIdleDatabase(target) : null;
    let keptAs: string | null = null;
    // The restored file gets the permissions of the one it replaces (owner-only for a new one).
    const mode = targetExists ? fs.statSync(target).mode & 0o777 : 0o600;
    try {
      const leftovers = existingSideFiles(target);
      if (targetExists || leftovers.length) {
        keptAs = `${target}.before-restore-${fileTimestamp(options.now)}`;
        if (fs.existsSync(keptAs)) throw new OpsError(`${keptAs} already exists; wait a moment and run the restore again.`);
        if (targetExists) keepOld(target, keptAs);
        // Side files belong to the old file (none is in use: we hold the lock). Left here, they
        // would be read as part of the restored database.
        for (const suffix of SIDE_SUFFIXES) {
          if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
        }
      }
      fs.chmodSync(temp, mode);
      renameDurably(temp, target);
    } finally {
      hold?.release();
    }
    // The kept file was switched to rollback-journal mode by the check: its -shm is meaningless.
    if (keptAs) fs.rmSync(`${keptAs}-shm`, { force: true });
    fsyncDirectory(path.dirname(target));
    return { backup, target, keptAs, summary, migrationsPending };
  } catch (error) {
    removeWithSideFiles(temp);
    throw error;
  }
}

/** Give the current database a second name; `target` keeps pointing at it until the rename over it. */
function keepOld(target: string, keptAs: string): void {
  try {
    fs.linkSync(target, keptAs);
  } catch {
    // No hard links here (some network or FAT file systems): move it instead. The app is stopped.
    fs.renameSync(target, keptAs);
  }
  fsyncDirectory(path.dirname(keptAs));
}
