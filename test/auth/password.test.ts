/**
 * Changing one's password at /desk/password: a wrong current password and a short new one are
 * 422s with the message beside the field, and success means the new password signs in and the
 * old one no longer does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/app.js';

describe('changing one’s password', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ withStory: false });
  });
  after(() => server.stop());

  const hashOf = (id: number) => server.db.$client.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id);

  test('a wrong current password is a 422 with the message beside that field, and nothing changes', async () => {
    const client = await server.signIn('journalist');
    const hash = hashOf(client.userId);
    const page = await client.post('/desk/password', { current: 'not my password', next: 'a perfectly good new one' });
    assert.equal(page.status, 422);
    const field = page.$('#field-current');
    assert.equal(field.attr('aria-invalid'), 'true');
    assert.equal(page.$('#field-current-error').text(), 'Your current password is not right.');
    assert.equal(hashOf(client.userId), hash);
  });

  test('a short new password is a 422 that states the rule', async () => {
    const client = await server.signIn('journalist');
    const hash = hashOf(client.userId);
    const page = await client.post('/desk/password', { current: TEST_PASSWORD, next: 'short' });
    assert.equal(page.status, 422);
    assert.equal(page.$('#field-next').attr('aria-invalid'), 'true');
    assert.match(page.$('#field-next-error').text(), /at least 12 characters/);
    assert.equal(hashOf(client.userId), hash);
  });

  test('after a change only the new password signs in, and the change is audited', async () => {
    const user = await server.addUser('editor');
    const client = server.client();
    await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    const next = 'three unrelated words here';
    const changed = await client.post('/desk/password', { current: TEST_PASSWORD, next, confirm: next });
    assert.equal(changed.status, 303);
    assert.equal(changed.location, '/desk?password-changed', 'back to the desk');
    const page = await client.follow(changed);
    assert.match(page.$('main').text(), /Your password has been changed/);

    const withOld = await server.client().post('/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(withOld.status, 401);
    const withNew = await server.client().post('/login', { email: user.email, password: next });
    assert.equal(withNew.status, 303);
    assert.equal(withNew.location, '/desk');
    const audited = server.db.$client
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'password_changed' AND target_id = ?")
      .pluck()
      .get(user.id);
    assert.equal(audited, 1);
  });

  test('anonymous: the password page sends to the login page, a post changes nothing', async () => {
    const anonymous = server.client();
    const page = await anonymous.get('/desk/password');
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login\?next=%2Fdesk%2Fpassword/);
    const post = await anonymous.post('/desk/password', { current: TEST_PASSWORD, next: 'anything long enough' });
    assert.equal(post.status, 303);
    assert.match(post.location!, /^\/login/);
  });
});
