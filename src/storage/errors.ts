/**
 * Which errors mean "the database could not store this", as opposed to a bug: a full disk, a
 * read-only or vanished file, an I/O error, a lock held past the busy timeout. They are answered
 * with "not saved" and the person's input, not with a generic 500.
 */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL|CORRUPT|NOTADB)(_|$)/;

/** The SQLite code (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`…) when `error` is a storage failure; drizzle's wrappers are looked through. */
export function storageErrorCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_CODES.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A few words on what the code means, for logs and start-up messages. */
export function explainStorageCode(code: string): string {
  if (code.startsWith('SQLITE_FULL')) return 'the disk (or the database size limit) is full';
  if (code.startsWith('SQLITE_READONLY')) return 'the database is read-only for this process';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported an I/O error';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'the database file (or its -wal/-shm file) cannot be opened';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another process held the database lock too long';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'the database file is damaged or not a database';
  return 'the database could not be used';
}
