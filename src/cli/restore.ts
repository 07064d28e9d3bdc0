/**
 * `npm run restore -- <file>`: put a backup back as the database at DATABASE_PATH
 * (src/ops/restore.ts). Refuses a file that is not a sound Claimdesk database, and refuses while
 * any process (Claimdesk itself) has the database open. The database it replaces is kept as
 * `<DATABASE_PATH>.before-restore-<time>`. Mistakes are one line on stderr and exit code 1.
 */
import { runDatabaseFileCommand } from '../ops/cli.js';
import { describeSummary } from '../ops/inspect.js';
import { restoreDatabase } from '../ops/restore.js';

const USAGE = `Usage: npm run restore -- <file>

  <file>    the backup to restore (made by npm run backup; relative to the directory you are in)
  --help    show this

Replaces the database at DATABASE_PATH (default db/claimdesk.sqlite) with the backup. Stop
Claimdesk first: the restore refuses while the database is open. The database it replaces is
kept beside it as <DATABASE_PATH>.before-restore-<time>; nothing is deleted.`;

runDatabaseFileCommand('restore', USAGE, false, (args, databasePath) => {
  const result = restoreDatabase({ backup: args.file, target: databasePath });
  const lines = [
    `Restored ${result.backup}`,
    `  into:      ${result.target}`,
    `  contains:  ${describeSummary(result.summary)}`,
    `  integrity: ok`,
    result.keptAs ? `  The database it replaced is kept as ${result.keptAs}` : '  There was no database there before.',
  ];
  if (result.migrationsPending) lines.push('  The backup is from an older version: Claimdesk migrates it when it next starts.');
  lines.push('Start Claimdesk again to serve it.');
  return lines;
});
