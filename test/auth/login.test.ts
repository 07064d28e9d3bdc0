/**
 * Signing in and out over real HTTP: the generic answer to a wrong password, the session cookie's
 * flags and strength, only a hash of the token in the database, logout, session fixation, idle
 * and absolute expiry, disabling a user, and `Secure` + `__Host-` behind an https origin.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { validateSession } from '../../src/auth/sessions.js';
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../helpers/app.js';

const COOKIE = 'claimdesk_session';

function sessionCookieLine(headers: Headers, name = COOKIE): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

function sessionsOf(server: TestServer, userId: number) {
  return server.db.$client.prepare('SELECT * FROM sessions WHERE user_id = ?').all(userId) as Record<string, unknown>[];
}

async function opensDesk(client: Client): Promise<boolean> {
  const page = await client.get('/desk');
  if (page.status === 200) return true;
  assert.equal(page.status, 303);
  assert.match(page.location ?? '', /^\/login/);
  return false;
}

describe('login and logout', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ withStory: false });
  });
  after(() => server.stop());

  test('a wrong password is a 401 with a generic message and no cookie', async () => {
    const user = await server.addUser('journalist');
    const client = server.client();
    const wrong = await client.post('/login', { email: user.email, password: 'not the password at all' });
    assert.equal(wrong.status, 401);
    assert.equal(sessionCookieLine(wrong.headers), undefined);
    const message = wrong.$('.error-summary').text().trim();
    assert.equal(message, 'That email and password do not match an account.');
    // The same words for an email no account has: the answer reveals nothing.
    const unknown = await client.post('/login', { email: 'nobody@newsroom.test', password: TEST_PASSWORD });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.$('.error-summary').text().trim(), message);
    assert.equal(sessionCookieLine(unknown.headers), undefined);
    // The email typed is kept in the form; the password is not.
    assert.equal(wrong.$('input[name=email]').val(), user.email);
    assert.equal(wrong.$('input[name=password]').val(), '');
    assert.equal(client.cookies.size, 0);
    assert.equal(await opensDesk(client), false);
  });

  test('the right password: 303 to /desk and an HttpOnly, SameSite=Lax cookie of a strong token', async () => {
    const user = await server.addUser('editor');
    const client = server.client();
    const page = await client.post('/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    assert.equal(page.status, 303);
    assert.equal(page.location, '/desk');
    const line = sessionCookieLine(page.headers);
    assert.ok(line, 'a session cookie is set');
    assert.match(line, /;\s*HttpOnly/i);
    assert.match(line, /;\s*SameSite=Lax/i);
    assert.match(line, /;\s*Path=\//i);
    assert.doesNotMatch(line, /;\s*Secure/i, 'plain http in tests: no Secure flag');
    const token = client.cookies.get(COOKIE)!;
    assert.ok(Buffer.from(token, 'base64url').length * 8 >= 128, 'at least 128 bits');
    assert.equal(await opensDesk(client), true);
    assert.equal(page.headers.get('Cache-Control'), 'no-store');
  });

  test('the database holds only the SHA-256 of the token, in no column the cookie itself', async () => {
    const user = await server.addUser('journalist');
    const client = server.client();
    await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    const token = client.cookies.get(COOKIE)!;
    const [session] = sessionsOf(server, user.id);
    assert.equal(session!.token_hash, createHash('sha256').update(token).digest('hex'));
    const tables = server.db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      for (const row of server.db.$client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          assert.ok(!String(value).includes(token), `${table}.${column} holds the token`);
        }
      }
    }
  });

  test('logout ends the session: the old cookie no longer opens the desk', async () => {
    const client = await server.signIn('journalist');
    const token = client.cookies.get(COOKIE)!;
    assert.equal(sessionsOf(server, client.userId).length, 1);
    const out = await client.post('/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.location, '/login?signed-out');
    assert.equal(sessionsOf(server, client.userId).length, 0);
    // The browser is told to forget it, and a copy kept elsewhere is worthless.
    assert.equal(client.cookies.has(COOKIE), false);
    const copy = server.client();
    copy.cookies.set(COOKIE, token);
    assert.equal(await opensDesk(copy), false);
    const events = server.db.$client.prepare("SELECT actor_id FROM audit_events WHERE action = 'logout'").pluck().all();
    assert.ok(events.includes(client.userId));
  });

  test('session fixation: the cookie a browser brings is replaced at login and stops working', async () => {
    // A session someone planted (or the browser's own from before) …
    const planted = await server.signIn('journalist');
    const plantedToken = planted.cookies.get(COOKIE)!;
    const victim = await server.addUser('editor');
    const browser = server.client();
    browser.cookies.set(COOKIE, plantedToken);
    const login = await browser.post('/login', { email: victim.email, password: TEST_PASSWORD });
    assert.equal(login.status, 303);
    const after = browser.cookies.get(COOKIE)!;
    assert.notEqual(after, plantedToken);
    assert.equal(await opensDesk(browser), true);
    assert.equal(await opensDesk(planted), false, 'the session it came with has ended');

    // … and a made-up token is never adopted either.
    const other = server.client();
    const madeUp = 'A'.repeat(43);
    other.cookies.set(COOKIE, madeUp);
    await other.post('/login', { email: victim.email, password: TEST_PASSWORD });
    assert.notEqual(other.cookies.get(COOKIE), madeUp);
    assert.equal(await opensDesk(other), true);
  });

  test('idle expiry: no request for longer than the idle limit ends the session', async () => {
    const client = await server.signIn('journalist');
    const token = client.cookies.get(COOKIE)!;
    const policy = { idleMinutes: 120, maxHours: 12 };
    const soon = new Date(Date.now() + 119 * 60_000);
    assert.ok(validateSession(server.db, token, policy, soon), 'still open before the idle limit');
    // That use counts as activity; two idle hours after it, the session is gone.
    assert.equal(validateSession(server.db, token, policy, new Date(soon.getTime() + 120 * 60_000)), null);
    assert.equal(sessionsOf(server, client.userId).length, 0);
    assert.equal(await opensDesk(client), false);
  });

  test('idle expiry over HTTP: a session last seen three hours ago is refused and its cookie cleared', async () => {
    const client = await server.signIn('journalist');
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    server.db.$client.prepare('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?').run(threeHoursAgo, client.userId);
    const page = await client.get('/desk');
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login\?next=/);
    assert.match(sessionCookieLine(page.headers) ?? '', /Max-Age=0/i);
    assert.equal(sessionsOf(server, client.userId).length, 0);
  });

  test('absolute expiry: even a busy session ends after the maximum lifetime', async () => {
    const client = await server.signIn('editor');
    const token = client.cookies.get(COOKIE)!;
    const policy = { idleMinutes: 120, maxHours: 12 };
    const start = Date.now();
    // Used every 100 minutes, never idle for long …
    for (let minutes = 100; minutes < 12 * 60; minutes += 100) {
      assert.ok(validateSession(server.db, token, policy, new Date(start + minutes * 60_000)), `open at ${minutes} min`);
    }
    // … and still over at 12 hours.
    assert.equal(validateSession(server.db, token, policy, new Date(start + 12 * 3_600_000 + 1000)), null);
    assert.equal(await opensDesk(client), false);
  });

  test('absolute expiry over HTTP: a session past expires_at is refused', async () => {
    const client = await server.signIn('editor');
    server.db.$client
      .prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?')
      .run(new Date(Date.now() - 1000).toISOString(), client.userId);
    assert.equal(await opensDesk(client), false);
    assert.equal(sessionsOf(server, client.userId).length, 0);
  });

  test('disabling a user ends all their sessions at once, and they cannot sign in again', async () => {
    const admin = await server.signIn('admin');
    const user = await server.addUser('journalist');
    const laptop = server.client();
    const phone = server.client();
    for (const client of [laptop, phone]) {
      assert.equal((await client.post('/login', { email: user.email, password: TEST_PASSWORD })).status, 303);
      assert.equal(await opensDesk(client), true);
    }
    assert.equal(sessionsOf(server, user.id).length, 2);
    const disabled = await admin.post(`/desk/users/${user.id}/disable`, {});
    assert.equal(disabled.status, 303);
    assert.equal(sessionsOf(server, user.id).length, 0);
    assert.equal(await opensDesk(laptop), false);
    assert.equal(await opensDesk(phone), false);
    const again = await server.client().post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(again.status, 401);
    assert.equal(again.$('.error-summary').text().trim(), 'That email and password do not match an account.');
  });
});

describe('behind an https origin', () => {
  let server: TestServer;
  const ORIGIN = 'https://claims.example';
  before(async () => {
    server = await startTestServer({ withStory: false, env: { PUBLIC_ORIGIN: ORIGIN } });
  });
  after(() => server.stop());

  test('the cookie is Secure and __Host- prefixed (Path=/, no Domain)', async () => {
    const user = await server.addUser('journalist');
    const client = server.client();
    const page = await client.post('/login', { email: user.email, password: TEST_PASSWORD }, { Origin: ORIGIN });
    assert.equal(page.status, 303);
    const line = sessionCookieLine(page.headers, `__Host-${COOKIE}`);
    assert.ok(line, `a __Host- cookie: ${page.headers.getSetCookie().join(' | ')}`);
    assert.match(line, /;\s*Secure/i);
    assert.match(line, /;\s*HttpOnly/i);
    assert.match(line, /;\s*SameSite=Lax/i);
    assert.match(line, /;\s*Path=\/(;|$)/i);
    assert.doesNotMatch(line, /Domain=/i);
    assert.equal(sessionCookieLine(page.headers), undefined, 'no unprefixed cookie');
    assert.match(page.headers.get('Strict-Transport-Security') ?? '', /max-age=\d+/);
    assert.equal(await opensDesk(client), true);
  });

  test('a post whose Origin is not the public origin is refused, and no cookie is set', async () => {
    const user = await server.addUser('journalist');
    const page = await server.client().post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(page.status, 403);
    assert.equal(page.headers.getSetCookie().length, 0);
  });
});
