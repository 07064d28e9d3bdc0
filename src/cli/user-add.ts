/**
 * `npm run user:add -- --email a@b.org --name "A B" --role editor [--password-stdin]`: create a
 * desk account from the command line, on the database at DATABASE_PATH (migrated first). By
 * default a one-time password is generated, printed once, and must be changed at first sign-in;
 * with `--password-stdin` the password is read from a pipe or file (so it never sits in shell
 * history) and is the user's own. Mistakes are one clear line on stderr and exit code 1.
 */
import { parseArgs } from 'node:util';
import { ROLES } from '../../db/schema/desk.js';
import { generatePassword, passwordProblem } from '../auth/passwords.js';
import type { Role } from '../auth/permissions.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db.js';
import { createUser, listUsers } from '../users/service.js';
import { runCommand, UsageError } from '../ops/cli.js';

const USAGE = `Usage: npm run user:add -- --email <email> --name <name> --role <${ROLES.join('|')}> [--password-stdin]

  --email           their email address (how they sign in)
  --name            their name as colleagues see it
  --role            ${ROLES.join(', ')}
  --password-stdin  read the password from standard input (a pipe or a file), e.g.
                      npm run user:add -- --email … --name … --role … --password-stdin < password.txt
                    Without it a one-time password is generated and printed once; the user
                    chooses their own at first sign-in.
  --help            show this

The database is DATABASE_PATH (default db/claimdesk.sqlite).`;

type Options = { email: string; name: string; role: Role; passwordStdin: boolean };

function parse(argv: string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const missing = (['email', 'name', 'role'] as const).filter((key) => !values[key]?.trim());
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const role = values.role!.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`Unknown role “${values.role}”: use ${ROLES.join(', ')}.`);
  }
  return { email: values.email!, name: values.name!, role: role as Role, passwordStdin: values['password-stdin'] };
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError(
      '--password-stdin reads the password from a pipe or a file, not the keyboard: e.g. `… --password-stdin < password.txt`.',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is the end of the line, not part of the password.
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!password) throw new UsageError('No password came on standard input.');
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(`Password: ${problem}`);
  return password;
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const password = options.passwordStdin ? await readPassword() : generatePassword();
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  try {
    migrateDatabase(db);
    const firstUser = listUsers(db).length === 0;
    const user = await createUser(
      db,
      { email: options.email, name: options.name, role: options.role, password, mustChangePassword: !options.passwordStdin },
      null,
    );
    process.stdout.write(`Created ${user.role} ${user.name} <${user.email}> (user ${user.id}) in ${config.databasePath}.\n`);
    if (!options.passwordStdin) {
      process.stdout.write(
        `\n  One-time password (shown only now; they choose their own at first sign-in):\n\n      ${password}\n\n`,
      );
    }
    if (firstUser && user.role !== 'admin') {
      process.stderr.write('Note: this is the first account and it is not an admin, so no one can manage accounts on the desk yet.\n');
    }
    return 0;
  } finally {
    db.$client.close();
  }
}

runCommand('user:add', () => main(process.argv.slice(2)));
