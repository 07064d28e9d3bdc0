/**
 * Test harness: each test gets its own SQLite file (so files can run in parallel), migrated and,
 * unless asked otherwise, loaded with the first story; and, where a test wants real HTTP, the
 * app served on a free port of 127.0.0.1, with helpers to create users and sign them in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import * as cheerio from 'cheerio';
import { createApp } from '../../src/app.js';
import { serveApp } from '../../src/http/serve-app.js';
import type { Role } from '../../src/auth/permissions.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase, type Db } from '../../src/db.js';
import { createUser } from '../../src/users/service.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';

/** scrypt at 2^14 in tests: the same code path, a fraction of the time (production uses 2^17). */
export const TEST_PASSWORD_COST = { logN: 14 };
export const TEST_PASSWORD = 'correct horse battery staple';

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

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ DATABASE_PATH: ':memory:', ...overrides });
}

export type TestServer = TestDb & {
  url: string;
  app: ReturnType<typeof createApp>;
  stop: () => Promise<void>;
  /** Create a user with TEST_PASSWORD. */
  addUser: (role: Role, email?: string) => Promise<{ id: number; email: string }>;
  /** A browser-like client for this server: keeps cookies, sends Origin on posts. */
  client: () => Client;
  /** A user of that role, signed in. */
  signIn: (role: Role, email?: string) => Promise<Client & { userId: number }>;
};

export async function startTestServer(
  options: { withStory?: boolean; env?: Record<string, string>; log?: (line: Record<string, unknown>) => void } = {},
): Promise<TestServer> {
  const testDb = makeTestDb(options);
  // Listen first, so that the app's configured origin (http://HOST:PORT) names the real port.
  let app!: ReturnType<typeof createApp>;
  const server: ServerType = await new Promise((resolve) => {
    const s = serveApp(() => app, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const config = testConfig({ HOST: '127.0.0.1', PORT: String(port), ...options.env });
  app = createApp({
    db: testDb.db,
    config,
    log: options.log ?? (() => {}),
    passwordCost: TEST_PASSWORD_COST,
    // Tests write behind the app's back (raw SQL, then a generation bump) and read at once: look every time.
    pageCacheOptions: { recheckMs: 0 },
  });
  const url = `http://127.0.0.1:${port}`;
  let counter = 0;
  const addUser = async (role: Role, email = `${role}-${++counter}@newsroom.test`) => {
    const user = await createUser(testDb.db, { email, name: `${role} ${counter}`, role, password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    return { id: user.id, email };
  };
  return {
    ...testDb,
    app,
    url,
    addUser,
    client: () => new Client(url),
    signIn: async (role, email) => {
      const user = await addUser(role, email);
      const client = new Client(url);
      const response = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
      if (response.status !== 303) throw new Error(`sign-in as ${role} answered ${response.status}`);
      return Object.assign(client, { userId: user.id });
    },
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

export type Page = { status: number; headers: Headers; body: string; $: cheerio.CheerioAPI; location: string | null };

/** Fetch with a cookie jar; posts carry our Origin as a browser would, unless told otherwise. */
export class Client {
  cookies = new Map<string, string>();
  /** `send`: fetch over a socket, or an app's in-process `request` (see in-process.ts). */
  constructor(
    readonly base: string,
    private readonly send: (url: string, init: RequestInit) => Response | Promise<Response> = fetch,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Page> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.Cookie = this.cookieHeader();
    const response = await this.send(this.base + path, { method, body: init.body, headers, redirect: 'manual' });
    this.remember(response);
    const body = await response.text();
    return { status: response.status, headers: response.headers, body, $: cheerio.load(body), location: response.headers.get('location') };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  /** A form post. Values may repeat: pass an array. */
  post(path: string, fields: Record<string, string | string[]> | [string, string][], headers: Record<string, string> = {}) {
    const params = new URLSearchParams();
    const entries = Array.isArray(fields) ? fields : Object.entries(fields);
    for (const [name, value] of entries) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    return this.request('POST', path, {
      body: params.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.base, ...headers },
    });
  }

  /** Follow a 303 after a post, as a browser does. */
  async follow(page: Page): Promise<Page> {
    if (!page.location) throw new Error(`no redirect (status ${page.status})`);
    return this.get(page.location);
  }
}
