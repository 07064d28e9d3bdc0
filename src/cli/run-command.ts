/**
 * What the account commands share: a mistake the person at the shell can fix is one line on
 * stderr with exit code 1, never a stack trace; only a real failure prints one.
 */
import { ConfigError } from '../config.js';
import { DomainError } from '../http/errors.js';

export class UsageError extends Error {}

export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${name}: ${error.message}\nRun \`npm run ${name} -- --help\` to see how to use it.\n`);
      } else if (error instanceof DomainError || error instanceof ConfigError) {
        process.stderr.write(`${name}: ${error.message}\n`);
      } else {
        process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      process.exitCode = 1;
    },
  );
}
