/**
 * Durable file moves for the backup and restore tools. A rename is atomic, but it is only durable
 * once the directory holding it is flushed, and the renamed file's own data must be flushed
 * before it: otherwise a power cut can leave a name pointing at a file with missing pages. Also
 * the names of SQLite's side files (`-wal`, `-shm`, `-journal`), which belong to the database file
 * beside them and must never end up next to a different database.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SIDE_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** Flush a file's data and metadata to disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flush a directory, so the renames and creations inside it survive a power cut. */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // Some platforms do not let a directory be opened; the rename is still atomic there.
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Likewise (e.g. EINVAL on some file systems): best effort.
  } finally {
    fs.closeSync(fd);
  }
}

/** Rename `from` to `to` (same file system) and flush the directories involved. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDirectory(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) fsyncDirectory(path.dirname(from));
}

/** The side files of `file` that exist now. */
export function existingSideFiles(file: string): string[] {
  return SIDE_SUFFIXES.map((suffix) => file + suffix).filter((side) => fs.existsSync(side));
}

export function removeWithSideFiles(file: string): void {
  for (const name of [file, ...SIDE_SUFFIXES.map((suffix) => file + suffix)]) fs.rmSync(name, { force: true });
}

/** A temporary name beside `file` (same directory, so the final rename is atomic). */
export function temporaryNameFor(file: string, purpose: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${process.pid}-${Date.now()}.tmp`);
}

/** `2025-03-05T10-04-59-123Z`: an ISO time that is safe in a file name and sorts in time order. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}
