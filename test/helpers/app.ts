/**
 * Test harness: each test gets its own SQLite file (so files can run in parallel), migrated and,
 * unless asked otherwise, loaded with the first story; and, where a test wants real HTTP, the
 * app served on a free port of 127.0.0.1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { migrateDatabase, openDatabase, type Db } from '../../src/db.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';

export type TestDb = { db: Db; file: string; dir: string; close: () => void };

export function makeTestDb(options: { withStory?: boolean } = {}): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-test-'));
  const file = path.join(dir, 'test.sqlite');
  const db = openDatabase(file);
  migrateDatabase(db);
  if (options.withStory !== false) loadFirstStoryIfEmpty(db);
  return {
    db,
    file,
    dir,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestServer = TestDb & { url: string; app: ReturnType<typeof createApp>; stop: () => Promise<void> };

export async function startTestServer(options: { withStory?: boolean } = {}): Promise<TestServer> {
  const testDb = makeTestDb(options);
  const app = createApp({ db: testDb.db, log: () => {} });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...testDb,
    app,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          testDb.close();
          resolve();
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
