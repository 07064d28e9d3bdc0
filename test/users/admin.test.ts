/**
 * Managing accounts at /desk/users as an admin, over real HTTP: the table, inviting someone (the
 * one-time password shown once and forced to change), bad input kept and explained beside the
 * field, extra fields ignored, role changes, disabling and re-enabling, the guards against
 * removing the last admin or oneself as domain messages (never a 500), htmx row swaps, and
 * escaping of what users type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { verifyPassword } from '../../src/auth/passwords.js';
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../helpers/app.js';

type UserRecord = {
  id: number;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
};

describe('/desk/users for an admin', () => {
  let server: TestServer;
  let admin: Client & { userId: number };
  before(async () => {
    server = await startTestServer({ withStory: false });
    admin = await server.signIn('admin');
  });
  after(() => server.stop());

  const user = (id: number) => server.db.$client.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRecord;
  const byEmail = (email: string) => server.db.$client.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRecord | undefined;
  const countUsers = () => server.db.$client.prepare('SELECT count(*) FROM users').pluck().get() as number;
  const lastEvent = () =>
    server.db.$client.prepare('SELECT action, actor_id, target_type, target_id, detail FROM audit_events ORDER BY id DESC LIMIT 1').get() as {
      action: string;
      actor_id: number | null;
      target_type: string;
      target_id: number | null;
      detail: string;
    };

  test('the table lists every account: name, email, role, status and creation time', async () => {
    const disabled = await server.addUser('editor');
    await admin.post(`/desk/users/${disabled.id}/disable`, {});
    const page = await admin.get('/desk/users');
    assert.equal(page.status, 200);
    const headers = page.$('table.users-table thead th').map((_, th) => page.$(th).text()).get();
    assert.deepEqual(headers, ['Name', 'Email', 'Role', 'Status', 'Created', 'Change']);
    const row = page.$(`#user-${disabled.id}`);
    assert.equal(row.attr('data-status'), 'disabled');
    assert.match(row.text(), new RegExp(disabled.email));
    assert.match(row.text(), /Editor/);
    assert.match(row.text(), /Disabled since \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.equal(row.find(`form[action="/desk/users/${disabled.id}/enable"]`).length, 1);
    const mine = page.$(`#user-${admin.userId}`);
    assert.equal(mine.attr('data-status'), 'active');
    assert.match(mine.text(), /\(you\)/);
    assert.equal(mine.find('form[action$="/disable"]').length, 0, 'no button to disable oneself');
    assert.equal(mine.find('time').attr('datetime'), user(admin.userId).created_at);
  });

  test('inviting: a generated password shown once, which signs in and must be changed', async () => {
    const invited = await admin.post('/desk/users', { email: ' Reporter@Newsroom.TEST ', name: ' Ada Reporter ', role: 'journalist' });
    assert.equal(invited.status, 201);
    assert.equal(invited.headers.get('Cache-Control'), 'no-store');
    const password = invited.$('#one-time-password').text().trim();
    assert.match(password, /^[a-z0-9AB]{5}(-[a-z0-9AB]{5}){3}$/);
    assert.match(invited.$('main').text(), /shown only this once/);

    const row = byEmail('reporter@newsroom.test')!;
    assert.equal(row.name, 'Ada Reporter');
    assert.equal(row.role, 'journalist');
    assert.equal(row.must_change_password, 1);
    assert.equal(row.disabled_at, null);
    assert.ok(await verifyPassword(password, row.password_hash));
    assert.deepEqual(lastEvent(), {
      action: 'user_created',
      actor_id: admin.userId,
      target_type: 'user',
      target_id: row.id,
      detail: JSON.stringify({ email: 'reporter@newsroom.test', role: 'journalist' }),
    });

    // Nowhere else: not on the users page, not in the audit log.
    const list = await admin.get('/desk/users');
    assert.ok(!list.body.includes(password));
    assert.ok(!(await admin.get('/desk/audit')).body.includes(password));
    assert.match(list.$(`#user-${row.id}`).text(), /has not chosen a password yet/);

    const newcomer = server.client();
    const login = await newcomer.post('/login', { email: 'reporter@newsroom.test', password });
    assert.equal(login.status, 303);
    assert.equal(login.location, '/desk/password');
    assert.equal((await newcomer.get('/desk')).location, '/desk/password');
  });

  test('posting the invitation again (a reload) creates nothing and says why', async () => {
    const fields = { email: 'twice@newsroom.test', name: 'Twice', role: 'editor' };
    assert.equal((await admin.post('/desk/users', fields)).status, 201);
    const again = await admin.post('/desk/users', { ...fields, email: 'TWICE@newsroom.test' });
    assert.equal(again.status, 422);
    assert.equal(again.$('#field-email-error').text(), 'A user with this email already exists.');
    assert.equal(again.$('#field-email').attr('aria-invalid'), 'true');
    assert.equal(again.$('#one-time-password').length, 0);
    assert.equal(server.db.$client.prepare("SELECT count(*) FROM users WHERE email = 'twice@newsroom.test'").pluck().get(), 1);
  });

  test('bad input: 422, the form re-rendered with what was typed and a message beside each field', async () => {
    const users = countUsers();
    const page = await admin.post('/desk/users', { email: 'not an email', name: '   ', role: 'owner' });
    assert.equal(page.status, 422);
    assert.equal(page.$('#field-email').val(), 'not an email');
    assert.equal(page.$('#field-email-error').text(), 'Enter a valid email address, like name@newsroom.org.');
    assert.equal(page.$('#field-name-error').text(), 'Enter their name.');
    assert.equal(page.$('#field-role-error').text(), 'Choose a role: journalist, editor or admin.');
    for (const field of ['email', 'name', 'role']) {
      assert.equal(page.$(`#field-${field}`).attr('aria-invalid'), 'true', field);
      assert.match(page.$(`#field-${field}`).attr('aria-describedby')!, new RegExp(`field-${field}-error`));
    }
    assert.equal(page.$('#error-summary li a').length, 3);
    assert.equal(page.$('#error-summary a').first().attr('href'), '#field-email');

    const kept = await admin.post('/desk/users', { email: 'kept@newsroom.test', name: 'Kept Name', role: '' });
    assert.equal(kept.status, 422);
    assert.equal(kept.$('#field-email').val(), 'kept@newsroom.test');
    assert.equal(kept.$('#field-name').val(), 'Kept Name');
    assert.equal(kept.$('#field-email-error').length, 0);
    assert.equal(kept.$('#field-role-error').length, 1);

    const long = await admin.post('/desk/users', { email: `${'a'.repeat(320)}@newsroom.test`, name: 'n'.repeat(201), role: 'editor' });
    assert.equal(long.status, 422);
    assert.equal(long.$('#field-name-error').text(), 'Enter a name of at most 200 characters.');
    assert.equal(long.$('#field-email-error').length, 1);
    assert.equal(countUsers(), users);
  });

  test('a repeated field or a non-form body is refused with 400, never a 500', async () => {
    const users = countUsers();
    const repeated = await admin.post('/desk/users', [
      ['email', 'a@newsroom.test'],
      ['email', 'b@newsroom.test'],
      ['name', 'Two Emails'],
      ['role', 'journalist'],
    ]);
    assert.equal(repeated.status, 400);
    const json = await admin.request('POST', '/desk/users', {
      body: JSON.stringify({ email: 'json@newsroom.test', name: 'J', role: 'admin' }),
      headers: { 'Content-Type': 'application/json', Origin: server.url },
    });
    assert.equal(json.status, 400);
    assert.equal(countUsers(), users);
  });

  test('mass assignment: id, disabled_at, password_hash and the like cannot be set by posting them', async () => {
    const page = await admin.post('/desk/users', {
      email: 'extra@newsroom.test',
      name: 'Extra Fields',
      role: 'journalist',
      id: '9999',
      disabled_at: '2020-01-01T00:00:00.000Z',
      disabledAt: '2020-01-01T00:00:00.000Z',
      password_hash: 'scrypt$1$8$1$AAAA$AAAA',
      passwordHash: 'scrypt$1$8$1$AAAA$AAAA',
      password: 'my own password here',
      must_change_password: '0',
      mustChangePassword: 'false',
      created_at: '2000-01-01T00:00:00.000Z',
    });
    assert.equal(page.status, 201);
    const row = byEmail('extra@newsroom.test')!;
    assert.notEqual(row.id, 9999);
    assert.equal(row.disabled_at, null);
    assert.equal(row.must_change_password, 1);
    assert.ok(!row.password_hash.startsWith('scrypt$1$'));
    assert.ok(!row.created_at.startsWith('2000'));
    assert.equal(await verifyPassword('my own password here', row.password_hash), false);
    assert.ok(await verifyPassword(page.$('#one-time-password').text().trim(), row.password_hash));
    // Only the role is read from a role change.
    const target = await server.addUser('journalist');
    await admin.post(`/desk/users/${target.id}/role`, { role: 'editor', email: 'hijack@evil.example', disabled_at: '2020-01-01', name: 'X' });
    const after = user(target.id);
    assert.equal(after.role, 'editor');
    assert.equal(after.email, target.email);
    assert.equal(after.disabled_at, null);
  });

  test('changing a role: 303 back to the row, the change audited with from and to', async () => {
    const target = await server.addUser('journalist');
    const page = await admin.post(`/desk/users/${target.id}/role`, { role: 'editor' });
    assert.equal(page.status, 303);
    assert.equal(page.location, `/desk/users?saved=${target.id}#user-${target.id}`);
    assert.equal(user(target.id).role, 'editor');
    assert.deepEqual(lastEvent(), {
      action: 'role_changed',
      actor_id: admin.userId,
      target_type: 'user',
      target_id: target.id,
      detail: JSON.stringify({ from: 'journalist', to: 'editor' }),
    });
    const list = await admin.follow(page);
    assert.equal(list.$(`#user-${target.id}`).attr('data-role'), 'editor');
    assert.match(list.$(`#user-${target.id} [role=status]`).text(), /Saved/);
    assert.equal(list.$(`#user-${target.id} select option[selected]`).val(), 'editor');
  });

  test('an unknown role is a 422 with the message beside the row, and nothing changes', async () => {
    const target = await server.addUser('journalist');
    const page = await admin.post(`/desk/users/${target.id}/role`, { role: 'superuser' });
    assert.equal(page.status, 422);
    assert.match(page.$(`#user-${target.id} .field-error`).text(), /Choose a role/);
    assert.equal(page.$('#error-summary a').attr('href'), `#user-${target.id}`);
    assert.equal(user(target.id).role, 'journalist');
    const empty = await admin.post(`/desk/users/${target.id}/role`, {});
    assert.equal(empty.status, 422);
  });

  test('disabling and re-enabling: sessions end, sign-in is refused, then allowed again', async () => {
    const target = await server.addUser('journalist');
    const session = server.client();
    await session.post('/login', { email: target.email, password: TEST_PASSWORD });
    const disable = await admin.post(`/desk/users/${target.id}/disable`, {});
    assert.equal(disable.status, 303);
    assert.ok(user(target.id).disabled_at);
    assert.equal(lastEvent().action, 'user_disabled');
    assert.equal((await session.get('/desk')).status, 303);
    assert.equal((await server.client().post('/login', { email: target.email, password: TEST_PASSWORD })).status, 401);

    // A second click is not a second event, and the "since" date stays.
    const since = user(target.id).disabled_at;
    const events = server.db.$client.prepare('SELECT count(*) FROM audit_events').pluck().get();
    assert.equal((await admin.post(`/desk/users/${target.id}/disable`, {})).status, 303);
    assert.equal(user(target.id).disabled_at, since);
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM audit_events').pluck().get(), events);

    const enable = await admin.post(`/desk/users/${target.id}/enable`, {});
    assert.equal(enable.status, 303);
    assert.equal(user(target.id).disabled_at, null);
    assert.equal(lastEvent().action, 'user_enabled');
    assert.equal((await server.client().post('/login', { email: target.email, password: TEST_PASSWORD })).status, 303);
  });

  test('domain guards are messages, not 500s: disabling oneself, removing the last admin', async () => {
    const self = await admin.post(`/desk/users/${admin.userId}/disable`, {});
    assert.equal(self.status, 409);
    assert.match(self.$(`#user-${admin.userId} .field-error`).text(), /cannot disable your own account/);
    assert.match(self.$('#error-summary').text(), /cannot disable your own account/);
    assert.equal(user(admin.userId).disabled_at, null);

    // The only other admins are disabled or demoted: this admin is the last one.
    const others = server.db.$client
      .prepare("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?")
      .pluck()
      .all(admin.userId) as number[];
    assert.deepEqual(others, []);
    const demote = await admin.post(`/desk/users/${admin.userId}/role`, { role: 'editor' });
    assert.equal(demote.status, 409);
    assert.match(demote.$(`#user-${admin.userId} .field-error`).text(), /last admin/);
    assert.equal(user(admin.userId).role, 'admin');
  });

  test('an admin who makes someone else admin may then step down, and lands on the desk', async () => {
    const server2 = await startTestServer({ withStory: false });
    try {
      const first = await server2.signIn('admin');
      const other = await server2.addUser('editor');
      assert.equal((await first.post(`/desk/users/${other.id}/role`, { role: 'admin' })).status, 303);
      const stepDown = await first.post(`/desk/users/${first.userId}/role`, { role: 'editor' });
      assert.equal(stepDown.status, 303);
      assert.equal(stepDown.location, '/desk');
      assert.equal((await first.get('/desk/users')).status, 403);
    } finally {
      await server2.stop();
    }
  });

  test('resetting a forgotten password: a new one-time password shown once, the old one dead, every session ended', async () => {
    const target = await server.addUser('editor');
    const session = server.client();
    assert.equal((await session.post('/login', { email: target.email, password: TEST_PASSWORD })).status, 303);
    for (let i = 1; i <= 3; i++) await server.client().post('/login', { email: target.email, password: `forgotten ${i}` });

    // The row links to a page that asks first; nothing has changed by visiting it.
    const list = await admin.get('/desk/users');
    const link = list.$(`#user-${target.id} a[href="/desk/users/${target.id}/reset-password"]`);
    assert.equal(link.length, 1);
    assert.equal(list.$(`#user-${admin.userId} a[href$="/reset-password"]`).length, 0, 'not for oneself');
    const hashBefore = user(target.id).password_hash;
    const confirm = await admin.get(link.attr('href')!);
    assert.equal(confirm.status, 200);
    assert.match(confirm.$('h1').text(), /Reset the password of editor \d+\?/);
    assert.match(confirm.$('main').text(), /signed out everywhere/);
    assert.equal(user(target.id).password_hash, hashBefore);
    assert.equal((await session.get('/desk')).status, 200, 'still signed in after the question');
    const form = confirm.$(`form[action="/desk/users/${target.id}/reset-password"][method=post]`);
    assert.equal(form.length, 1);
    assert.equal(form.attr('data-hx-post'), undefined, 'a plain post: the answer is a whole page');

    const reset = await admin.post(`/desk/users/${target.id}/reset-password`, {});
    assert.equal(reset.status, 200);
    assert.equal(reset.headers.get('Cache-Control'), 'no-store');
    const password = reset.$('#one-time-password').text().trim();
    assert.match(password, /^[a-z0-9AB]{5}(-[a-z0-9AB]{5}){3}$/);
    assert.match(reset.$('h1').text(), /Password reset/);
    assert.match(reset.$('main').text(), /shown only this once/);

    const row = user(target.id);
    assert.equal(row.must_change_password, 1);
    assert.ok(await verifyPassword(password, row.password_hash));
    assert.deepEqual(lastEvent(), { action: 'password_reset', actor_id: admin.userId, target_type: 'user', target_id: target.id, detail: '{}' });
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(target.id), 0);
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM login_failures WHERE email = ?').pluck().get(target.email), 0);
    assert.equal((await session.get('/desk')).status, 303, 'the old session is over');

    // The old password no longer works; the new one does, once, and must be changed.
    assert.equal((await server.client().post('/login', { email: target.email, password: TEST_PASSWORD })).status, 401);
    const back = server.client();
    const login = await back.post('/login', { email: target.email, password });
    assert.equal(login.location, '/desk/password');

    // Nowhere else: not on the users page, not in the audit log, which names the reset in words.
    assert.ok(!(await admin.get('/desk/users')).body.includes(password));
    const audit = await admin.get('/desk/audit');
    assert.ok(!audit.body.includes(password));
    assert.match(audit.$('tr[data-action=password_reset]').first().text(), /Reset a password/);
  });

  test('resetting one\'s own password here is refused with a message: that is what "Change password" is for', async () => {
    const hashBefore = user(admin.userId).password_hash;
    const page = await admin.post(`/desk/users/${admin.userId}/reset-password`, {});
    assert.equal(page.status, 409);
    assert.match(page.$('#error-summary').text(), /Change password/);
    assert.equal(page.$('#one-time-password').length, 0);
    assert.equal(user(admin.userId).password_hash, hashBefore);
    assert.equal((await admin.get('/desk')).status, 200, 'still signed in');
    assert.equal((await admin.post('/desk/users/99999/reset-password', {})).status, 404);
    assert.equal((await admin.get('/desk/users/99999/reset-password')).status, 404);
    const ownPage = await admin.get(`/desk/users/${admin.userId}/reset-password`);
    assert.equal(ownPage.status, 303);
    assert.equal(ownPage.location, '/desk/password');
  });

  test('ids in paths: not a number, or no such user, is a 404 and changes nothing', async () => {
    for (const path of ['/desk/users/abc/role', '/desk/users/-1/disable', '/desk/users/1e3/enable', '/desk/users/0/role', '/desk/users/99999/role']) {
      const page = await admin.post(path, { role: 'admin' });
      assert.equal(page.status, 404, path);
    }
    assert.equal(server.db.$client.prepare("SELECT count(*) FROM audit_events WHERE action = 'role_changed' AND target_id = 99999").pluck().get(), 0);
  });

  test('with htmx, a row form gets back just its updated row (and the row with a message on a 409)', async () => {
    const target = await server.addUser('journalist');
    const hx = { 'HX-Request': 'true' };
    // A lone <tr> is only kept by an HTML parser inside a table, as htmx puts it.
    const row = (body: string) => cheerio.load(`<table><tbody>${body}</tbody></table>`)('tr').first();
    const changed = await admin.post(`/desk/users/${target.id}/role`, { role: 'editor' }, hx);
    assert.equal(changed.status, 200);
    assert.match(changed.body, new RegExp(`^<tr id="user-${target.id}"`));
    assert.doesNotMatch(changed.body, /<html/);
    assert.equal(row(changed.body).attr('data-role'), 'editor');

    const disabled = await admin.post(`/desk/users/${target.id}/disable`, {}, hx);
    assert.equal(disabled.status, 200);
    assert.equal(row(disabled.body).attr('data-status'), 'disabled');
    assert.equal(row(disabled.body).find(`form[action="/desk/users/${target.id}/enable"]`).length, 1);

    const refused = await admin.post(`/desk/users/${admin.userId}/disable`, {}, hx);
    assert.equal(refused.status, 409);
    assert.match(refused.body, new RegExp(`^<tr id="user-${admin.userId}"`));
    assert.match(row(refused.body).find('.field-error').text(), /cannot disable your own account/);

    // The plain page's forms carry both the plain action and the htmx one.
    const list = await admin.get('/desk/users');
    const form = list.$(`#user-${target.id} form[action="/desk/users/${target.id}/role"]`);
    assert.equal(form.attr('method'), 'post');
    assert.equal(form.attr('data-hx-post'), `/desk/users/${target.id}/role`);
    assert.equal(form.attr('data-hx-target'), `#user-${target.id}`);
  });

  test('what users type is escaped, in the table and in the audit log', async () => {
    const name = '<script>alert(1)</script> "Quote" & <b>bold</b>';
    const page = await admin.post('/desk/users', { email: 'xss@newsroom.test', name, role: 'journalist' });
    assert.equal(page.status, 201);
    const id = byEmail('xss@newsroom.test')!.id;
    await admin.post(`/desk/users/${id}/role`, { role: 'editor' });
    for (const body of [page.body, (await admin.get('/desk/users')).body, (await admin.get('/desk/audit')).body]) {
      assert.ok(!body.includes('<script>alert(1)</script>'));
      assert.ok(!body.includes('<b>bold</b>'));
      assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    }
    // A failed input is escaped when it is put back in the form, too.
    const bad = await admin.post('/desk/users', { email: '"><script>x</script>', name: 'X', role: 'journalist' });
    assert.equal(bad.status, 422);
    assert.ok(!bad.body.includes('<script>x</script>'));
    assert.equal(bad.$('#field-email').val(), '"><script>x</script>');
  });
});
