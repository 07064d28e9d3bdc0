/**
 * `npm run backup -- <file> [--force]`: a consistent copy of the database at DATABASE_PATH, taken
 * while Claimdesk runs (src/ops/backup.ts), checked, and written under its final name only once
 * complete. Prints where it is, its size and what it holds. Refuses to replace an existing file
 * unless `--force`. Mistakes are one line on stderr and exit code 1.
 */
import { backupDatabase } from '../ops/backup.js';
import { runDatabaseFileCommand } from '../ops/cli.js';
import { formatBytes } from '../ops/files.js';
import { describeSummary } from '../ops/inspect.js';

const USAGE = `Usage: npm run backup -- <file> [--force]

  <file>    where to write the backup (a new file; relative to the directory you are in)
  --force   replace <file> if it already exists
  --help    show this

Copies the database at DATABASE_PATH (default db/claimdesk.sqlite) while Claimdesk runs: the copy
holds every change saved before the backup started. The file holds unpublished material: it is
created readable by its owner only; store it encrypted.`;

runDatabaseFileCommand('backup', USAGE, true, (args, databasePath) => {
  const result = backupDatabase({ source: databasePath, destination: args.file, force: args.force });
  return [
    `Backup written: ${result.file}`,
    `  from:      ${databasePath}`,
    `  size:      ${formatBytes(result.bytes)}`,
    `  contains:  ${describeSummary(result.summary)}`,
    `  integrity: ok`,
  ];
});
