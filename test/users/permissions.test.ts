/**
 * Who reaches the users and audit pages: anonymous visitors are sent to sign in, journalists and
 * editors get 403 on every users route (and nothing changes), admins get in; the audit log is for
 * editors and admins. A journalist cannot make anyone an admin by posting `role=admin` anywhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';

describe('permissions on /desk/users and /desk/audit', () => {
  let server: TestServer;
  let journalist: Client & { userId: number };
  let editor: Client & { userId: number };
  let admin: Client & { userId: number };
  let target: { id: number; email: string };

  before(async () => {
    server = await startTestServer({ withStory: false });
    journalist = await server.signIn('journalist');
    editor = await server.signIn('editor');
    admin = await server.signIn('admin');
    target = await server.addUser('journalist');
  });
  after(() => server.stop());

  const snapshot = () => ({
    users: server.db.$client.prepare('SELECT * FROM users ORDER BY id').all(),
    events: server.db.$client.prepare("SELECT count(*) FROM audit_events WHERE action NOT IN ('login', 'login_failed')").pluck().get(),
  });

  const posts = () =>
    [
      ['/desk/users', { email: 'new@newsroom.test', name: 'New Person', role: 'admin' }],
      [`/desk/users/${target.id}/role`, { role: 'admin' }],
      [`/desk/users/${target.id}/disable`, {}],
      [`/desk/users/${target.id}/enable`, {}],
      [`/desk/users/${target.id}/reset-password`, {}],
    ] as const;

  test('anonymous: every page is a redirect to the login page, every post changes nothing', async () => {
    const anonymous = server.client();
    for (const path of ['/desk/users', '/desk/audit', '/desk/audit?before=5', `/desk/users/${target.id}/role`]) {
      const page = await anonymous.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, `/login?next=${encodeURIComponent(path)}`);
      const login = await anonymous.follow(page);
      assert.equal(login.status, 200);
      assert.equal(login.$('form[action="/login"] input[name=next]').val(), path);
    }
    const before = snapshot();
    for (const [path, fields] of posts()) {
      const page = await anonymous.post(path, fields);
      assert.equal(page.status, 303, path);
      assert.match(page.location!, /^\/login\?next=/);
    }
    assert.deepEqual(snapshot(), before);
  });

  for (const role of ['journalist', 'editor'] as const) {
    test(`${role}: 403 on /desk/users and on every post under it, and nothing changes`, async () => {
      const client = role === 'journalist' ? journalist : editor;
      const page = await client.get('/desk/users');
      assert.equal(page.status, 403);
      // The refusal keeps the desk around it: its navigation and a way back.
      assert.match(page.$('main').text(), /Back to the desk/);
      assert.ok(page.$('nav a[href="/desk/claims"]').length > 0, 'the desk navigation');
      assert.doesNotMatch(page.body, new RegExp(target.email));
      const before = snapshot();
      for (const [path, fields] of posts()) {
        const answer = await client.post(path, fields);
        assert.equal(answer.status, 403, path);
      }
      // Not even on their own account.
      assert.equal((await client.post(`/desk/users/${client.userId}/role`, { role: 'admin' })).status, 403);
      assert.equal((await client.post(`/desk/users/${client.userId}/enable`, {})).status, 403);
      assert.equal((await client.post(`/desk/users/${client.userId}/reset-password`, {})).status, 403);
      assert.deepEqual(snapshot(), before);
      // Nor is the navigation offering it.
      const desk = await client.get('/desk');
      assert.equal(desk.status, 200, 'the rest of the desk is theirs');
      assert.equal(desk.$('a[href="/desk/users"]').length, 0);
    });
  }

  test('a journalist posting role=admin to any users route, with any extras, stays a journalist', async () => {
    const attempts: [string, Record<string, string>][] = [
      [`/desk/users/${journalist.userId}/role`, { role: 'admin' }],
      ['/desk/users', { email: 'me-again@newsroom.test', name: 'Me', role: 'admin', id: String(journalist.userId) }],
      [`/desk/users/${journalist.userId}/enable`, { role: 'admin' }],
      [`/desk/users/${journalist.userId}/disable`, { role: 'admin' }],
      [`/desk/users/${journalist.userId}`, { role: 'admin' }],
    ];
    for (const [path, fields] of attempts) {
      const page = await journalist.post(path, fields);
      assert.ok([403, 404].includes(page.status), `${path} answered ${page.status}`);
    }
    const row = server.db.$client.prepare('SELECT role, disabled_at FROM users WHERE id = ?').get(journalist.userId);
    assert.deepEqual(row, { role: 'journalist', disabled_at: null });
    assert.equal(server.db.$client.prepare("SELECT count(*) FROM users WHERE email = 'me-again@newsroom.test'").pluck().get(), 0);
    // Still a journalist on the next request too.
    assert.equal((await journalist.get('/desk/audit')).status, 403);
  });

  test('admin: /desk/users opens, with the navigation link', async () => {
    const page = await admin.get('/desk/users');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('Cache-Control'), 'no-store');
    assert.equal(page.$(`tr#user-${target.id}`).length, 1);
    assert.equal(page.$('a[href="/desk/users"]').length, 1);
  });

  test('audit log: journalist 403, editor and admin allowed', async () => {
    const denied = await journalist.get('/desk/audit');
    assert.equal(denied.status, 403);
    assert.equal(denied.$('table').length, 0);
    assert.equal((await journalist.get('/desk/audit?before=10')).status, 403);
    for (const client of [editor, admin]) {
      const page = await client.get('/desk/audit');
      assert.equal(page.status, 200);
      assert.ok(page.$('tr[data-event]').length > 0);
      assert.equal(page.$('a[href="/desk/audit"]').length, 1, 'linked from the navigation');
    }
  });

  test('a demoted admin loses the users pages at once (the role is read on every request)', async () => {
    const second = await server.signIn('admin');
    const demote = await admin.post(`/desk/users/${second.userId}/role`, { role: 'editor' });
    assert.equal(demote.status, 303);
    assert.equal((await second.get('/desk/users')).status, 403);
    assert.equal((await second.get('/desk/audit')).status, 200);
  });
});
