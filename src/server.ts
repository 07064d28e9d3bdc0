/**
 * Start-up: configuration → database (migrations, first story, first admin: one transaction) →
 * HTTP server. What stops it is explained in one line (a bad setting, a database that cannot be
 * opened or written, a port in use), exit status 1. On SIGTERM/SIGINT: no new connections,
 * in-flight requests finish until SHUTDOWN_TIMEOUT_SECONDS, then the database closes; exit 0, or
 * 2 when a request had to be cut off.
 */
import fs from 'node:fs';
import { createApp } from './app.js';
import { ConfigError, configWarnings, loadConfig, type Config } from './config.js';
import { openDatabase, type Db } from './db.js';
import { describeListenError } from './http/listen-errors.js';
import { serveApp } from './http/serve-app.js';
import { gracefulShutdown } from './http/shutdown.js';
import { serverTimeouts } from './http/timeouts.js';
import { prepareDatabaseForServing } from './ops/first-start.js';
import { flushLog, writeLogLine } from './ops/log-lines.js';
import { describeOpenFailure, isOpenFailure } from './storage/open-failure.js';

const log = writeLogLine;

/** Stop with one line for the operator, no stack trace. */
function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function openForServing(config: Config): Promise<Db> {
  let db: Db | undefined;
  try {
    const before = fileIdentity(config.databasePath);
    db = openDatabase(config.databasePath);
    const { storyLoaded, admin } = await prepareDatabaseForServing(db, config.firstAdmin);
    // Opening waits for locks (another process starting, a restore): a restore that renamed a new
    // file over the path meanwhile would leave this process on the old one.
    if (before && fileIdentity(config.databasePath) !== before) {
      db.$client.close();
      fail(`Claimdesk cannot use its database, DATABASE_PATH=${config.databasePath}: the file was replaced while Claimdesk was starting (a restore?); start it again`);
    }
    if (storyLoaded) log({ level: 'info', msg: 'loaded the first story into an empty database' });
    if (admin?.password) {
      // Printed once, to the console only: it is not logged anywhere else and must be changed at first sign-in.
      flushLog();
      process.stdout.write(
        `\n  First start: an admin account was created.\n  Sign in at /login as ${admin.email} with the one-time password:\n\n      ${admin.password}\n\n  You will be asked to choose your own password.\n\n`,
      );
    } else if (admin) {
      log({ level: 'info', msg: `created the first admin, ${admin.email}, with the password from ADMIN_PASSWORD` });
    }
    return db;
  } catch (error) {
    if (!isOpenFailure(error)) throw error;
    try {
      db?.$client.close();
    } catch {
      // Closing what could not be used: nothing more to report.
    }
    fail(describeOpenFailure(config.databasePath, error));
  }
}

function fileIdentity(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  for (const warning of configWarnings(config)) console.warn(warning);
  const db = await openForServing(config);
  const app = createApp({ db, config, log, cachePages: config.pageCache });
  const server = serveApp(
    () => app,
    { port: config.port, hostname: config.host, serverOptions: serverTimeouts(config.http) },
    (info) => log({ level: 'info', msg: `Claimdesk is serving http://${config.host}:${info.port}/`, database: config.databasePath }),
  );
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (server.listening) {
      log({ level: 'error', msg: 'server error', error: String(error) });
      return;
    }
    db.$client.close();
    fail(describeListenError(error, config.host, config.port));
  });

  const shutdown = gracefulShutdown(server, { timeoutMs: config.shutdownTimeoutMs, log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: `${signal}: finishing in-flight requests` });
    const { cutOff } = await shutdown.stop();
    db.$client.close();
    if (cutOff > 0) {
      log({ level: 'error', msg: `stopped: ${cutOff} request(s) cut off by the shutdown deadline`, cutOff });
      process.exit(2);
    }
    log({ level: 'info', msg: 'stopped' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Claimdesk could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
