/**
 * Making sure no process has a database open before it is replaced, and keeping it that way
 * while it is. SQLite's own locks are the robust signal. In WAL mode every open connection holds
 * a shared lock on the database file for as long as it is open — even when idle — so switching
 * the file out of WAL mode (`PRAGMA journal_mode = DELETE`, which needs the exclusive lock) fails
 * with SQLITE_BUSY while Claimdesk (or a backup, or `user:add`) has it open, and succeeds only when
 * nobody does. We cannot use `BEGIN EXCLUSIVE` alone: in WAL mode it only takes the writer lock
 * and succeeds beside an idle app. We do not look at the `-wal`/`-shm` files either: a crashed
 * app leaves them behind (which would wrongly refuse), and their presence says nothing about
 * whether a live process holds them. A lock file written by the server would go stale after a
 * crash and need a second mechanism to clear it. (This relies on Claimdesk always opening its
 * database in WAL mode, as src/db.ts does: in rollback-journal mode an idle connection holds no
 * lock at all, so only a running transaction could be seen.)
 *
 * The switch also checkpoints the WAL into the main file, so the file being replaced is complete
 * on its own. Then a second connection, now in rollback-journal mode, holds `BEGIN EXCLUSIVE`
 * (which in that mode is an exclusive lock on the file) until the replacement is done, so an app
 * started meanwhile waits and fails instead of opening the old file.
 */
import Database from 'better-sqlite3';
import { OpsError } from './errors.js';

type ExclusiveHold = { release: () => void };

/** How long to wait for a lock before concluding another process holds the database. */
const LOCK_WAIT_MS = 1000;

function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function inUse(file: string): OpsError {
  return new OpsError(
    `The database ${file} is in use by another process — Claimdesk is probably running. ` +
      'Stop it (and its supervisor, so it does not restart), then run the restore again.',
  );
}

function cannotLock(file: string, error: unknown): OpsError {
  const reason = error instanceof Error ? error.message : String(error);
  return new OpsError(
    `Cannot check that the database ${file} is not in use (${reason}). ` +
      'If it is damaged: make sure Claimdesk is stopped, move the file and its -wal/-shm files aside yourself, then restore.',
  );
}

/** Refuse (OpsError) if any process has `file` open; otherwise lock it until `release()`. */
export function holdIdleDatabase(file: string): ExclusiveHold {
  let probe: Database.Database;
  try {
    probe = new Database(file, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  } catch (error) {
    throw cannotLock(file, error);
  }
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    const mode = probe.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw inUse(file);
  } catch (error) {
    probe.close();
    if (error instanceof OpsError) throw error;
    throw isBusy(error) ? inUse(file) : cannotLock(file, error);
  }
  probe.close();

  const holder = new Database(file, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  try {
    holder.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    holder.close();
    throw isBusy(error) ? inUse(file) : cannotLock(file, error);
  }
  return {
    release: () => {
      if (!holder.open) return;
      // Nothing was written: the rollback touches no file, and there is no journal to leave behind.
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    },
  };
}
