/**
 * A database that cannot be opened or written at start-up, explained in one line: which
 * DATABASE_PATH, and the likely cause. SQLite in WAL mode creates `<file>-wal` and `<file>-shm`
 * beside the database, so the folder must be writable, not only the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { explainStorageCode, storageErrorCode } from './errors.js';

/** Whether `error` is about the database file or its folder (otherwise it is a bug, shown with its stack). */
export function isOpenFailure(error: unknown): boolean {
  if (storageErrorCode(error)) return true;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && ['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EIO'].includes(code);
}

export function describeOpenFailure(file: string, error: unknown): string {
  const code = storageErrorCode(error) ?? (error as NodeJS.ErrnoException | null)?.code ?? 'error';
  const folder = path.dirname(file);
  const base = path.basename(file);
  const detail = firstLine(error).replace(new RegExp(`^${code}: `), '');
  return `Claimdesk cannot use its database, DATABASE_PATH=${file}: ${likelyCause(file, folder, base, code)} (${code}: ${detail})`;
}

function likelyCause(file: string, folder: string, base: string, code: string): string {
  const blocked = fileInTheWay(folder);
  if (blocked) return `${blocked} is a file, not a folder`;
  if (!fs.existsSync(folder)) return `the folder ${folder} does not exist and could not be created`;
  if (!folderIsWritable(folder)) {
    return `the folder ${folder} is not writable by this user; SQLite must create ${base}-wal and ${base}-shm beside the database, so the folder, not only the file, must be writable`;
  }
  if (fs.existsSync(file) && !fileIsWritable(file)) return `the file ${file} is not writable by this user`;
  if (code.startsWith('SQLITE_') || code === 'ENOSPC' || code === 'EIO') {
    return code === 'ENOSPC' ? explainStorageCode('SQLITE_FULL') : code === 'EIO' ? explainStorageCode('SQLITE_IOERR') : explainStorageCode(code);
  }
  return 'it cannot be opened';
}

/** The nearest ancestor of `folder` that exists, when it is a file. */
function fileInTheWay(folder: string): string | null {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) return fs.statSync(dir).isDirectory() ? null : dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Tried for real: permission bits say nothing for root on a read-only file system. */
function folderIsWritable(folder: string): boolean {
  const probe = path.join(folder, `.claimdesk-write-check-${process.pid}`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.rmSync(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}

function fileIsWritable(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r+'));
    return true;
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}
