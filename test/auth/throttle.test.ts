/**
 * Login throttling over real HTTP: five failures for one email from one address in 15 minutes lock
 * that email there (even the right password is refused, with a 429 and a generic message), twenty
 * failures from one address lock the address across emails, fifty for one email from anywhere lock
 * the email everywhere, refusals do not extend a lock, old failures stop counting, and every
 * failure is in the audit log. Each test has its own server: the address limit is shared by every
 * request.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { verifyPassword } from '../../src/auth/passwords.js';
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
    assert.equal(THROTTLE.perAccountAndAddress, 5);
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

  test('thirty guesses sent all at once: only five are checked, the rest refused, and the right password after them too', async () => {
    const user = await server.addUser('editor');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => server.client().post('/login', { email: user.email, password: `parallel guess ${i}` })),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((s) => s === 401).length, THROTTLE.perAccountAndAddress, `statuses: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 30 - THROTTLE.perAccountAndAddress);
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM login_failures WHERE email = ?').pluck().get(user.email), 5);
    assert.equal((await server.client().post('/login', { email: user.email, password: TEST_PASSWORD })).status, 429);
  });

  test('refusals are logged once a minute per email and address, not once per request', async () => {
    for (let i = 1; i <= 5; i++) await server.client().post('/login', { email: 'flood@newsroom.test', password: `guess ${i}` });
    for (let i = 1; i <= 40; i++) {
      assert.equal((await server.client().post('/login', { email: 'flood@newsroom.test', password: `more ${i}` })).status, 429);
    }
    const reasons = failedLogins().map((f) => f.reason);
    assert.deepEqual(reasons.filter((r) => r === 'throttled'), ['throttled']);
    assert.equal(reasons.filter((r) => r === 'bad credentials').length, 5);
  });

  test('guessing the current password on the password page is throttled like signing in', async () => {
    const client = await server.signIn('journalist');
    for (let i = 1; i <= 5; i++) {
      const page = await client.post('/desk/password', { current: `wrong ${i}`, next: 'a brand new passphrase' });
      assert.equal(page.status, 422, `attempt ${i}`);
    }
    const page = await client.post('/desk/password', { current: TEST_PASSWORD, next: 'a brand new passphrase' });
    assert.equal(page.status, 429);
    assert.match(page.$('#field-current-error').text(), /Too many failed attempts/);
    const hash = server.db.$client.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(client.userId) as string;
    assert.ok(await verifyPassword(TEST_PASSWORD, hash), 'the password is unchanged');
  });

  describe('behind a proxy, from several addresses', () => {
    let proxied: TestServer;
    beforeEach(async () => {
      proxied = await startTestServer({ withStory: false, env: { TRUST_PROXY: '1' } });
    });
    afterEach(() => proxied.stop());
    const from = (address: string) => ({ 'X-Forwarded-For': address });

    test('someone guessing a colleague\'s password elsewhere does not lock the colleague out at their desk', async () => {
      const user = await proxied.addUser('journalist');
      const attacker = proxied.client();
      for (let i = 1; i <= 5; i++) await attacker.post('/login', { email: user.email, password: `guess ${i}` }, from('203.0.113.9'));
      assert.equal((await attacker.post('/login', { email: user.email, password: TEST_PASSWORD }, from('203.0.113.9'))).status, 429);
      const owner = await proxied.client().post('/login', { email: user.email, password: TEST_PASSWORD }, from('198.51.100.20'));
      assert.equal(owner.status, 303);
    });

    test('the address the proxy appended counts, not one the client put before it', async () => {
      const user = await proxied.addUser('journalist');
      const attacker = proxied.client();
      for (let i = 1; i <= 5; i++) {
        // A forged first entry, new every time; the proxy's own entry is the same.
        await attacker.post('/login', { email: user.email, password: `guess ${i}` }, from(`10.0.0.${i}, 203.0.113.9`));
      }
      const sixth = await attacker.post('/login', { email: user.email, password: TEST_PASSWORD }, from('10.0.0.99, 203.0.113.9'));
      assert.equal(sixth.status, 429);
      const rows = proxied.db.$client.prepare('SELECT DISTINCT ip FROM login_failures').pluck().all();
      assert.deepEqual(rows, ['203.0.113.9']);
    });

    test('fifty failures for one email spread over many addresses lock that email everywhere', async () => {
      assert.equal(THROTTLE.perAccount, 50);
      const user = await proxied.addUser('editor');
      const attacker = proxied.client();
      for (let address = 1; address <= 10; address++) {
        for (let i = 1; i <= 5; i++) {
          const page = await attacker.post('/login', { email: user.email, password: `guess ${address}-${i}` }, from(`203.0.113.${address}`));
          assert.equal(page.status, 401, `address ${address}, attempt ${i}`);
        }
      }
      const owner = await proxied.client().post('/login', { email: user.email, password: TEST_PASSWORD }, from('198.51.100.20'));
      assert.equal(owner.status, 429);
      assert.equal(owner.$('.error-summary').text().trim(), THROTTLED);
    });

    test('refused attempts do not extend a lock: it ends when the window has passed over the real failures', async () => {
      const user = await proxied.addUser('journalist');
      const client = proxied.client();
      for (let i = 1; i <= 5; i++) await client.post('/login', { email: user.email, password: `wrong ${i}` }, from('203.0.113.9'));
      for (let i = 1; i <= 5; i++) {
        assert.equal((await client.post('/login', { email: user.email, password: `still wrong ${i}` }, from('203.0.113.9'))).status, 429);
      }
      assert.equal(proxied.db.$client.prepare('SELECT count(*) FROM login_failures').pluck().get(), 5, 'refusals are not recorded as failures');
      // The window passes over the five real failures; the refusals after them leave nothing behind.
      const longAgo = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000).toISOString();
      proxied.db.$client.prepare('UPDATE login_failures SET at = ?').run(longAgo);
      const page = await client.post('/login', { email: user.email, password: TEST_PASSWORD }, from('203.0.113.9'));
      assert.equal(page.status, 303);
    });
  });
});
