/**
 * Logs: createApp takes a `log` function; here it captures every line. One JSON line per request
 * with its request id, method, path, status and duration; failed and successful logins happen and
 * leave their audit events; and no line — request or error — carries a password, a session token
 * or the cookie, not even for a login POST or a request that fails with a 500.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { projectRoot } from '../../src/config.js';
import { TEST_PASSWORD, TEST_PASSWORD_COST, makeTestDb, testConfig, type TestDb } from '../helpers/app.js';
import { createUser } from '../../src/users/service.js';

type Line = Record<string, unknown>;

const WRONG_PASSWORD = 'Wrong-Password-Do-Not-Log-7731';
const NEW_PASSWORD = 'A-New-Passphrase-Do-Not-Log-4410';
const EMAIL = 'logger@newsroom.test';

let testDb: TestDb;
let server: ServerType;
let base: string;
const lines: Line[] = [];
/** Every request the test sends, with the id the app answered with. */
const sent: { method: string; path: string; status: number; requestId: string | null }[] = [];
/** Every secret that crossed the wire: passwords typed, tokens and cookies set or sent. */
const secrets = new Set<string>([TEST_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD]);

async function request(method: string, path: string, init: { body?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) {
    headers.Cookie = init.cookie;
    secrets.add(init.cookie);
  }
  let body: string | undefined;
  if (init.body) {
    body = new URLSearchParams(init.body).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = base;
  }
  const response = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  await response.arrayBuffer();
  for (const cookie of response.headers.getSetCookie()) {
    const value = cookie.split(';')[0]!.split('=').slice(1).join('=');
    if (value) secrets.add(value);
  }
  sent.push({ method, path: path.split('?')[0]!, status: response.status, requestId: response.headers.get('X-Request-Id') });
  return response;
}

function sessionCookie(response: Response): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith('claimdesk_session='));
  assert.ok(line, 'the login set a session cookie');
  return line.split(';')[0]!;
}

const requestLines = () => lines.filter((l) => l.msg === 'request');
const audit = (action: string) =>
  testDb.db.$client.prepare('SELECT actor_id, detail FROM audit_events WHERE action = ? ORDER BY id').all(action) as { actor_id: number | null; detail: string }[];

before(async () => {
  testDb = makeTestDb();
  // Listen first, so that the configured origin (http://HOST:PORT) names the real port.
  let app!: ReturnType<typeof createApp>;
  server = await new Promise((resolve) => {
    const s = serve({ fetch: (request, env) => app.fetch(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  app = createApp({ db: testDb.db, config: testConfig({ HOST: '127.0.0.1', PORT: String(port) }), log: (line) => lines.push(JSON.parse(JSON.stringify(line)) as Line), passwordCost: TEST_PASSWORD_COST });
  await createUser(testDb.db, { email: EMAIL, name: 'Logger', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
});

after(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        testDb.close();
        resolve();
      });
      if ('closeAllConnections' in server) server.closeAllConnections();
    }),
);

describe('a day of requests', () => {
  test('readers, a failed login, a login, desk pages, a password change, a logout', async () => {
    assert.equal((await request('GET', '/')).status, 200);
    assert.equal((await request('GET', '/claims/1?token=query-secret-not-logged')).status, 200);
    secrets.add('query-secret-not-logged');
    assert.equal((await request('GET', '/healthz')).status, 200);
    assert.equal((await request('GET', '/no/such/page')).status, 404);
    assert.equal((await request('GET', '/stories/taurus-leak', { headers: { 'X-Request-Id': 'req-from-the-proxy-42' } })).status, 200);

    const failed = await request('POST', '/login', { body: { email: EMAIL, password: WRONG_PASSWORD } });
    assert.equal(failed.status, 401);
    const ok = await request('POST', '/login', { body: { email: EMAIL, password: TEST_PASSWORD, next: '/desk/claims' } });
    assert.equal(ok.status, 303);
    const cookie = sessionCookie(ok);
    secrets.add(cookie);

    assert.equal((await request('GET', '/desk', { cookie })).status, 200);
    assert.equal((await request('GET', '/desk/claims/1', { cookie })).status, 200);
    assert.equal((await request('POST', '/desk/password', { cookie, body: { current: TEST_PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD } })).status, 303, 'changed, back to the desk');
    assert.equal((await request('POST', '/logout', { cookie, body: {} })).status, 303);
    // The ended session's cookie, sent again: signed out, and still not logged.
    assert.equal((await request('GET', '/desk', { cookie })).status, 303);
  });

  test('one JSON line per request, with request id, method, path, status and duration', () => {
    const logged = requestLines();
    assert.equal(logged.length, sent.length, 'one line per request, no more, no fewer');
    for (const [i, line] of logged.entries()) {
      const request = sent[i]!;
      assert.equal(typeof line.requestId, 'string');
      assert.ok((line.requestId as string).length > 0 && (line.requestId as string).length <= 64);
      assert.equal(line.requestId, request.requestId, 'the X-Request-Id answered is the one logged');
      assert.equal(line.method, request.method);
      assert.equal(line.path, request.path);
      assert.equal(line.status, request.status);
      assert.equal(typeof line.ms, 'number');
      assert.ok((line.ms as number) >= 0 && (line.ms as number) < 60_000);
      assert.equal(line.level, 'info');
      assert.doesNotMatch(JSON.stringify(line), /\n/, 'a line is one line');
    }
    const ids = logged.map((l) => l.requestId);
    assert.equal(new Set(ids).size, ids.length, 'request ids are unique');
    assert.ok(ids.includes('req-from-the-proxy-42'), 'an id given by the proxy is kept');
    const signedIn = logged.filter((l) => l.path === '/desk/claims/1');
    assert.ok(signedIn.every((l) => typeof l.userId === 'number'), 'desk requests name the user');
    assert.ok(logged.filter((l) => l.path === '/').every((l) => l.userId === undefined), 'public requests name no one');
  });

  test('the failed and the successful login happened, with their audit events', () => {
    const failures = audit('login_failed');
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.actor_id, null);
    assert.equal((JSON.parse(failures[0]!.detail) as { email: string }).email, EMAIL);
    const logins = audit('login');
    assert.equal(logins.length, 1);
    assert.ok(logins[0]!.actor_id);
    assert.equal(audit('logout').length, 1);
    assert.equal(testDb.db.$client.prepare('SELECT count(*) FROM login_failures').pluck().get(), 0, 'a successful login clears the failures');
    for (const row of [...failures, ...logins]) {
      for (const secret of secrets) assert.ok(!row.detail.includes(secret), 'no secret in the audit log either');
    }
  });
});

describe('when a request fails', () => {
  test('a failing login POST and a failing signed-in POST answer 500, log an error line, and no secret', async () => {
    const sqlite = testDb.db.$client;
    // A real login to get a session to send with the failing request.
    const ok = await request('POST', '/login', { body: { email: EMAIL, password: NEW_PASSWORD } });
    assert.equal(ok.status, 303);
    const cookie = sessionCookie(ok);
    secrets.add(cookie);

    // Make the database refuse writes the requests need (temporary triggers: this connection only).
    sqlite.exec(`
      CREATE TEMP TRIGGER fail_login_failures BEFORE INSERT ON main.login_failures BEGIN SELECT RAISE(ABORT, 'forced failure for the logging test'); END;
      CREATE TEMP TRIGGER fail_sessions BEFORE INSERT ON main.sessions BEGIN SELECT RAISE(ABORT, 'forced failure for the logging test'); END;
      CREATE TEMP TRIGGER fail_claims BEFORE INSERT ON main.claims BEGIN SELECT RAISE(ABORT, 'forced failure for the logging test'); END;`);
    try {
      const before = lines.length;
      const badPassword = await request('POST', '/login', { body: { email: EMAIL, password: WRONG_PASSWORD } });
      const goodPassword = await request('POST', '/login', { body: { email: EMAIL, password: NEW_PASSWORD } });
      const claim = await request('POST', '/desk/claims', {
        cookie,
        body: { story: '1', party: '1', statement: 'A statement.', form: 'paraphrase', type: 'factual', said_on: '2024-03-05', date_precision: 'day', rating: 'unverified' },
      });
      for (const response of [badPassword, goodPassword, claim]) assert.equal(response.status, 500);

      const fresh = lines.slice(before);
      const errors = fresh.filter((l) => l.level === 'error');
      assert.equal(errors.length, 3, 'one error line per failing request');
      for (const error of errors) {
        assert.match(String(error.error), /forced failure/, 'the error line says what failed');
        const requestLine = fresh.find((l) => l.msg === 'request' && l.requestId === error.requestId);
        assert.ok(requestLine, 'the error line shares its request id with the request line');
        assert.equal(requestLine.status, 500);
      }
    } finally {
      sqlite.exec('DROP TRIGGER temp.fail_login_failures; DROP TRIGGER temp.fail_sessions; DROP TRIGGER temp.fail_claims;');
    }
  });

  test('no line holds a password, a session token or the cookie', () => {
    assert.ok(lines.length > 15);
    for (const line of lines) {
      const text = JSON.stringify(line);
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `a log line holds a secret (${secret.slice(0, 4)}…): ${text.slice(0, 300)}`);
        assert.ok(!text.includes(encodeURIComponent(secret)), `a log line holds an encoded secret: ${text.slice(0, 300)}`);
      }
      assert.doesNotMatch(text, /claimdesk_session/i, 'the cookie name appears in no line');
      assert.doesNotMatch(text, /"(password|current|next|cookie|authorization|token)"\s*:/i, 'no field of a line is a credential');
    }
  });
});

describe('the default logger', () => {
  test('writes one JSON line per request to stdout, with the time', async () => {
    // In a child process: the test runner's own reports travel on this process's stdout.
    const script = `
      const { createApp } = await import(${JSON.stringify(pathToFileURL(path.join(projectRoot, 'src/app.tsx')).href)});
      const { makeTestDb, testConfig } = await import(${JSON.stringify(pathToFileURL(path.join(projectRoot, 'test/helpers/app.ts')).href)});
      const db = makeTestDb({ withStory: false });
      const app = createApp({ db: db.db, config: testConfig() });
      await app.request('/healthz');
      await app.request('/no/such/page', { headers: { Cookie: 'claimdesk_session=${'x'.repeat(43)}' } });
      db.close();`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`the child exited with ${code}`))));
    });
    const logged = output.split('\n').filter((line) => line.startsWith('{'));
    assert.equal(logged.length, 2, output);
    for (const text of logged) {
      const line = JSON.parse(text) as Line;
      assert.ok(!Number.isNaN(Date.parse(String(line.time))), 'an ISO time');
      assert.equal(line.msg, 'request');
      assert.doesNotMatch(text, /x{43}/, 'the cookie sent is not logged');
    }
    assert.equal(output.split('\n').filter(Boolean).length, 2, 'nothing else on stdout');
  });
});
