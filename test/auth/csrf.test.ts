/**
 * Cross-site request forgery over real HTTP: a state-changing request without Origin or
 * Sec-Fetch-Site, from a foreign origin, or marked cross-site is a 403 and changes nothing (an
 * admin's invitation, a sign-out, a sign-in); from our own origin it works; and no GET changes
 * anything, whatever it asks for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../helpers/app.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** A post exactly as given: no Origin added, unlike `Client.post`. */
function rawPost(client: Client, path: string, fields: Record<string, string>, headers: Record<string, string>) {
  return client.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: { ...FORM, ...headers } });
}

describe('CSRF protection', () => {
  let server: TestServer;
  let admin: Client & { userId: number };
  before(async () => {
    server = await startTestServer({ withStory: false });
    admin = await server.signIn('admin');
  });
  after(() => server.stop());

  const count = (table: string) => server.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const invite = (email: string) => ({ email, name: 'Forged Account', role: 'admin' });

  const forged: [string, Record<string, string>][] = [
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['a look-alike Origin', { Origin: 'http://127.0.0.1.evil.example' }],
    ['Origin: null', { Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site (with our Origin)', { 'Sec-Fetch-Site': 'cross-site', Origin: '<ours>' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site alone', { 'Sec-Fetch-Site': 'cross-site' }],
  ];

  for (const [label, headers] of forged) {
    test(`an admin's invitation with ${label} is 403 and creates nothing`, async () => {
      const users = count('users');
      const events = count('audit_events');
      const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === '<ours>' ? server.url : v]));
      const page = await rawPost(admin, '/desk/users', invite(`forged-${users}@evil.example`), resolved);
      assert.equal(page.status, 403);
      assert.match(page.body, /not sent from a Claimdesk page/);
      assert.equal(count('users'), users);
      assert.equal(count('audit_events'), events);
    });
  }

  test('a role change or a disable from another site changes nothing', async () => {
    const victim = await server.addUser('journalist');
    const role = await rawPost(admin, `/desk/users/${victim.id}/role`, { role: 'admin' }, { Origin: 'https://evil.example' });
    const disable = await rawPost(admin, `/desk/users/${victim.id}/disable`, {}, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(role.status, 403);
    assert.equal(disable.status, 403);
    const row = server.db.$client.prepare('SELECT role, disabled_at FROM users WHERE id = ?').get(victim.id);
    assert.deepEqual(row, { role: 'journalist', disabled_at: null });
  });

  test('a cross-site sign-out does not end the session; a cross-site sign-in sets no cookie', async () => {
    const user = await server.signIn('editor');
    const out = await rawPost(user, '/logout', {}, { Origin: 'https://evil.example' });
    assert.equal(out.status, 403);
    assert.equal((await user.get('/desk')).status, 200);

    const target = await server.addUser('journalist');
    const browser = server.client();
    const login = await rawPost(browser, '/login', { email: target.email, password: TEST_PASSWORD }, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(login.status, 403);
    assert.equal(browser.cookies.size, 0);
  });

  test('from our own origin it works, with Origin or with Sec-Fetch-Site: same-origin alone', async () => {
    const withOrigin = await admin.post('/desk/users', invite('ours-1@newsroom.test'));
    assert.equal(withOrigin.status, 201);
    const withSite = await rawPost(admin, '/desk/users', invite('ours-2@newsroom.test'), { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(withSite.status, 201);
    const both = await rawPost(admin, '/desk/users', invite('ours-3@newsroom.test'), { 'Sec-Fetch-Site': 'same-origin', Origin: server.url });
    assert.equal(both.status, 201);
    const emails = server.db.$client.prepare("SELECT email FROM users WHERE email LIKE 'ours-%' ORDER BY email").pluck().all();
    assert.deepEqual(emails, ['ours-1@newsroom.test', 'ours-2@newsroom.test', 'ours-3@newsroom.test']);
  });

  test('GET requests never change state, even to the paths of actions', async () => {
    const victim = await server.addUser('journalist');
    const snapshot = () => ({
      users: server.db.$client.prepare('SELECT id, role, disabled_at, password_hash FROM users ORDER BY id').all(),
      events: count('audit_events'),
      sessions: count('sessions'),
    });
    const before = snapshot();
    const paths = [
      `/desk/users/${victim.id}/disable`,
      `/desk/users/${victim.id}/enable`,
      `/desk/users/${victim.id}/role?role=admin`,
      `/desk/users?email=get-${victim.id}@evil.example&name=Get&role=admin`,
      '/logout',
      '/desk/password?current=x&next=yyyyyyyyyyyyyyyy',
      '/desk/audit',
      '/desk/users',
    ];
    for (const path of paths) {
      const page = await admin.get(path);
      assert.ok([200, 404].includes(page.status), `${path} answered ${page.status}`);
    }
    assert.deepEqual(snapshot(), before);
    assert.equal((await admin.get('/desk')).status, 200, 'still signed in');
  });
});
