/**
 * `npm run user:reset-password -- --email a@b.org`: give an account a new one-time password from
 * the shell, for when no admin can sign in to do it at /desk/users (the only admin forgot theirs).
 * As on the desk: the old password stops working, every session of the account ends, the new
 * password is printed once and must be changed at the next sign-in, and the audit log records
 * the reset as done from the command line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db.js';
import { findUserByEmail, resetPassword } from '../users/service.js';
import { runCommand, UsageError } from '../ops/cli.js';

const USAGE = `Usage: npm run user:reset-password -- --email <email>

  --email   the account's email address
  --help    show this

Prints a one-time password once; the user chooses their own at their next sign-in.
The database is DATABASE_PATH (default db/claimdesk.sqlite).`;

function parse(argv: string[]): string | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (!values.email?.trim()) throw new UsageError('Missing --email.');
  return values.email;
}

async function main(argv: string[]): Promise<number> {
  const email = parse(argv);
  if (email === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  try {
    migrateDatabase(db);
    const user = findUserByEmail(db, email);
    if (!user) throw new UsageError(`No account has the email ${email.trim()}.`);
    // As the system (null): no one is signed in on the command line.
    const outcome = await resetPassword(db, user.id, null);
    if (outcome.kind !== 'saved') throw new UsageError(outcome.message ?? 'The password was not reset.');
    const { password } = outcome;
    process.stdout.write(`Reset the password of ${user.role} ${user.name} <${user.email}> in ${config.databasePath}.\n`);
    process.stdout.write(`\n  One-time password (shown only now; they choose their own at their next sign-in):\n\n      ${password}\n\n`);
    if (user.disabledAt) process.stderr.write('Note: this account is disabled; an admin must enable it before it can sign in.\n');
    return 0;
  } finally {
    db.$client.close();
  }
}

runCommand('user:reset-password', () => main(process.argv.slice(2)));
