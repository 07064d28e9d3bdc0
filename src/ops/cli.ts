/**
 * What the command-line tools (backup, restore, user:add, user:reset-password) share: reading their
 * arguments, resolving a file name against the directory the person ran npm from (npm itself
 * runs scripts from the project root, and keeps the original directory in INIT_CWD), and turning
 * the errors a person can fix into one line on stderr with exit code 1 — never a stack trace.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError } from '../errors.js';
import { OpsError } from './errors.js';

/** A mistake in how the command was called. */
export class UsageError extends Error {}

type Parsed = { file: string; force: boolean } | 'help';

/** `<file> [--force]`, exactly one file. */
export function parseFileArguments(argv: string[], allowForce: boolean): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return 'help';
  if (parsed.values.force && !allowForce) throw new UsageError('--force is not an option of this command.');
  if (parsed.positionals.length === 0) throw new UsageError('Give the backup file.');
  if (parsed.positionals.length > 1) throw new UsageError(`Give one backup file, not ${parsed.positionals.length}.`);
  const [file] = parsed.positionals as [string];
  if (!file.trim()) throw new UsageError('Give the backup file.');
  return { file: resolveFromCaller(file), force: parsed.values.force ?? false };
}

function resolveFromCaller(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** Run `main`; print fixable errors as one line prefixed with the command's name; set the exit code. */
export function runCommand(name: string, main: () => number | Promise<number>): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          process.stderr.write(`${name}: ${error.message}\nRun \`npm run ${name} -- --help\` to see how to use it.\n`);
        } else if (error instanceof OpsError || error instanceof DomainError || error instanceof ConfigError) {
          process.stderr.write(`${name}: ${error.message}\n`);
        } else {
          process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        }
        process.exitCode = 1;
      },
    );
}

/**
 * Run a command on one database file and the database at DATABASE_PATH (backup, restore):
 * `--help` prints `usage`; otherwise `main` does the work and returns the lines to print.
 */
export function runDatabaseFileCommand(
  name: string,
  usage: string,
  allowForce: boolean,
  main: (args: { file: string; force: boolean }, databasePath: string) => string[],
): void {
  runCommand(name, () => {
    const args = parseFileArguments(process.argv.slice(2), allowForce);
    if (args === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    process.stdout.write(`${main(args, loadConfig().databasePath).join('\n')}\n`);
    return 0;
  });
}
