/**
 * Login throttling over real HTTP: five failures for one email in 15 minutes lock that email
 * (even the right password is refused, with a 429 and a generic message), twenty failures from
 * one address lock the address across emails, old failures stop counting, and every failure is
 * in the audit log. Each test has its own server: the address limit is shared by every request.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { THROTTLE } from '../../src/auth/throttle.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/app.js';

const THROTTLED = 'Too many failed attempts. Wait 15 minutes, then try again.';

describe('login throttling', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ withStory: false });
  });
  afterEach(() => server.stop());

  function failedLogins(): { email: string; reason: string; ip: string }[] {
    return (
      server.db.$client.prepare("SELECT detail, ip, actor_id FROM audit_events WHERE action = 'login_failed' ORDER BY id").all() as {
        detail: string;
        ip: string;
        actor_id: number | null;
      }[]
    ).map((row) => {
      assert.equal(row.actor_id, null);
      return { ...(JSON.parse(row.detail) as { email: string; reason: string }), ip: row.ip };
    });
  }

  test('after 5 failures for one email, the 6th attempt is refused even with the right password', async () => {
    assert.equal(THROTTLE.perAccount, 5);
    const user = await server.addUser('editor');
    const client = server.client();
    for (let i = 1; i <= 5; i++) {
      const page = await client.post('/login', { email: user.email, password: `wrong guess ${i}` });
      assert.equal(page.status, 401, `attempt ${i}`);
    }
    const sixth = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(sixth.status, 429);
    assert.equal(sixth.$('.error-summary').text().trim(), THROTTLED);
    assert.equal(sixth.headers.getSetCookie().length, 0, 'no session cookie');
    assert.equal(client.cookies.size, 0);
    // The lock is the email's, whatever its case or spacing.
    const shouted = await server.client().post('/login', { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    assert.equal(shouted.status, 429);
    // An unknown email is throttled the same way, so the answer tells nothing about accounts.
    for (let i = 1; i <= 5; i++) await client.post('/login', { email: 'ghost@newsroom.test', password: `guess ${i}` });
    const ghost = await client.post('/login', { email: 'ghost@newsroom.test', password: 'guess 6' });
    assert.equal(ghost.status, 429);
    assert.equal(ghost.$('.error-summary').text().trim(), THROTTLED);
    // Someone else on the same address is not locked out by this account's failures.
    const other = await server.addUser('journalist');
    assert.equal((await server.client().post('/login', { email: other.email, password: TEST_PASSWORD })).status, 303);
  });

  test('failures older than the 15-minute window no longer count', async () => {
    const user = await server.addUser('journalist');
    const client = server.client();
    for (let i = 1; i <= 5; i++) await client.post('/login', { email: user.email, password: `wrong ${i}` });
    assert.equal((await client.post('/login', { email: user.email, password: TEST_PASSWORD })).status, 429);
    const longAgo = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000).toISOString();
    server.db.$client.prepare('UPDATE login_failures SET at = ?').run(longAgo);
    const page = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(page.status, 303);
    // A successful login clears the account's count.
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM login_failures WHERE email = ?').pluck().get(user.email), 0);
  });

  test('after 20 failures from one address across different emails, the address is refused', async () => {
    assert.equal(THROTTLE.perAddress, 20);
    const user = await server.addUser('admin');
    const client = server.client();
    for (let i = 1; i <= 20; i++) {
      const page = await client.post('/login', { email: `guess-${i}@newsroom.test`, password: 'a wrong password' });
      assert.equal(page.status, 401, `attempt ${i}`);
    }
    // A real account, its right password, never failed before: refused from this address.
    const page = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(page.status, 429);
    assert.equal(page.$('.error-summary').text().trim(), THROTTLED);
    assert.equal(client.cookies.size, 0);
  });

  test('every failure, throttled or not, is in the audit log with the email tried and the address', async () => {
    const user = await server.addUser('journalist');
    const client = server.client();
    for (let i = 1; i <= 6; i++) await client.post('/login', { email: user.email, password: `wrong ${i}` });
    await client.post('/login', { email: 'nobody@newsroom.test', password: 'wrong again' });
    const failures = failedLogins();
    assert.equal(failures.length, 7);
    assert.deepEqual(
      failures.map((f) => f.reason),
      ['bad credentials', 'bad credentials', 'bad credentials', 'bad credentials', 'bad credentials', 'throttled', 'bad credentials'],
    );
    assert.equal(failures[0]!.email, user.email);
    assert.equal(failures[6]!.email, 'nobody@newsroom.test');
    for (const failure of failures) assert.equal(failure.ip, '127.0.0.1');

    // And an editor reads them on the audit page.
    const editor = await server.signIn('editor');
    const audit = await editor.get('/desk/audit');
    assert.equal(audit.status, 200);
    const rows = audit.$('tr[data-action=login_failed]');
    assert.equal(rows.length, 7);
    assert.match(rows.first().text(), /nobody@newsroom\.test/);
    assert.match(rows.first().text(), /Failed sign-in/);
    assert.match(rows.first().text(), /Not signed in/);
    assert.match(rows.first().text(), /127\.0\.0\.1/);
  });
});
