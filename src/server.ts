/**
 * Start-up: configuration → database → migrations → first story → HTTP server. Stops cleanly on
 * SIGTERM/SIGINT: no new connections, in-flight requests finish, then the database closes.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db.js';
import { loadFirstStoryIfEmpty } from '../fixtures/load.js';
import { ensureFirstAdmin } from './users/first-admin.js';

function log(line: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  if (loadFirstStoryIfEmpty(db)) log({ level: 'info', msg: 'loaded the first story into an empty database' });

  const admin = await ensureFirstAdmin(db, config.firstAdmin);
  if (admin?.password) {
    // Printed once, to the console only: it is not logged anywhere else and must be changed at first sign-in.
    process.stdout.write(
      `\n  First start: an admin account was created.\n  Sign in at /login as ${admin.email} with the one-time password:\n\n      ${admin.password}\n\n  You will be asked to choose your own password.\n\n`,
    );
  } else if (admin) {
    log({ level: 'info', msg: `created the first admin, ${admin.email}, with the password from ADMIN_PASSWORD` });
  }

  const app = createApp({ db, config, log, cachePages: config.pageCache });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log({ level: 'info', msg: `Claimdesk is serving http://${config.host}:${info.port}/`, database: config.databasePath });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: `${signal}: finishing in-flight requests` });
    server.close(() => {
      db.$client.close();
      log({ level: 'info', msg: 'stopped' });
      process.exit(0);
    });
    // Connections whose request finishes after close() would stay open as keep-alive until they
    // time out (5 s): close each as soon as it is idle. A deadline ends the wait in any case.
    if ('closeIdleConnections' in server) setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Claimdesk could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
