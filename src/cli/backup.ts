/**
 * `npm run backup -- <file> [--force]`: a consistent copy of the database at DATABASE_PATH, taken
 * while Claimdesk runs (src/ops/backup.ts), checked, and written under its final name only once
 * complete. Prints where it is, its size and what it holds. Refuses to replace an existing file
 * unless `--force`. Mistakes are one line on stderr and exit code 1.
 */
import { loadConfig } from '../config.js';
import { backupDatabase } from '../ops/backup.js';
import { parseFileArguments, runCommand } from '../ops/cli.js';
import { formatBytes } from '../ops/files.js';
import { describeSummary } from '../ops/inspect.js';

const USAGE = `Usage: npm run backup -- <file> [--force]

  <file>    where to write the backup (a new file; relative to the directory you are in)
  --force   replace <file> if it already exists
  --help    show this

Copies the database at DATABASE_PATH (default db/claimdesk.sqlite) while Claimdesk runs: the copy
holds every change saved before the backup started. The file holds unpublished material: it is
created readable by its owner only; store it encrypted.`;

runCommand('backup', () => {
  const args = parseFileArguments(process.argv.slice(2), true);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const result = backupDatabase({ source: config.databasePath, destination: args.file, force: args.force });
  process.stdout.write(
    [
      `Backup written: ${result.file}`,
      `  from:      ${config.databasePath}`,
      `  size:      ${formatBytes(result.bytes)}`,
      `  contains:  ${describeSummary(result.summary)}`,
      `  integrity: ok`,
      '',
    ].join('\n'),
  );
  return 0;
});
