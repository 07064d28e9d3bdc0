/**
 * An admin lifts a sign-in lock from /desk/users (finding 7 of the outside review): fifty failed
 * sign-ins from many addresses lock a colleague out; the admin sees "Locked out until HH:MM",
 * presses "Lift lock" (a plain form post), and the colleague signs in at once, with an audit
 * event. Journalists and editors get a 403 and change nothing; an unknown account is a 404.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { THROTTLE } from '../../src/auth/throttle.js';
import { Forbidden } from '../../src/errors.js';
import { unlockLogin } from '../../src/users/service.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/app.js';

describe('lifting a sign-in lock', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ withStory: false, env: { TRUST_PROXY: '1' } });
  });
  afterEach(() => server.stop());
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  /** Fifty wrong guesses for `email`, five from each of ten addresses: the account-wide lock. */
  async function lockOut(email: string) {
    assert.equal(THROTTLE.perAccount, 50);
    const attacker = server.client();
    for (let address = 1; address <= 10; address++) {
      for (let i = 1; i <= 5; i++) {
        const page = await attacker.post('/login', { email, password: `guess ${address}-${i}` }, from(`203.0.113.${address}`));
        assert.equal(page.status, 401);
      }
    }
    const owner = await server.client().post('/login', { email, password: TEST_PASSWORD }, from('198.51.100.20'));
    assert.equal(owner.status, 429, 'locked out everywhere');
  }

  const unlockEvents = () =>
    server.db.$client.prepare("SELECT actor_id, target_type, target_id, detail FROM audit_events WHERE action = 'login_unlocked'").all() as {
      actor_id: number;
      target_type: string;
      target_id: number;
      detail: string;
    }[];

  test('the admin sees the lock, lifts it with a plain form post, and the colleague signs in at once', async () => {
    const colleague = await server.addUser('journalist');
    await lockOut(colleague.email);
    const admin = await server.signIn('admin');

    const users = await admin.get('/desk/users');
    assert.equal(users.status, 200);
    const row = users.$(`#user-${colleague.id}`);
    const until = row.find('.locked time').attr('datetime')!;
    assert.match(row.find('.locked').text(), /^Locked out until \d\d:\d\d UTC$/);
    const minutesLeft = (Date.parse(until) - Date.now()) / 60_000;
    assert.ok(minutesLeft > THROTTLE.windowMinutes - 2 && minutesLeft <= THROTTLE.windowMinutes, `ends about 15 minutes from now (${minutesLeft})`);
    const form = row.find(`form[action="/desk/users/${colleague.id}/unlock"]`);
    assert.equal(form.attr('method'), 'post');
    assert.match(form.find('button').text(), /^Lift lock/);
    // Nobody else is shown as locked.
    assert.equal(users.$('.locked').length, 1);

    const lifted = await admin.post(`/desk/users/${colleague.id}/unlock`, {});
    assert.equal(lifted.status, 303);
    assert.equal(lifted.location, `/desk/users?saved=${colleague.id}#user-${colleague.id}`);
    const after = await admin.get('/desk/users');
    assert.equal(after.$(`#user-${colleague.id} .locked`).length, 0);
    assert.equal(after.$(`form[action="/desk/users/${colleague.id}/unlock"]`).length, 0);

    const owner = await server.client().post('/login', { email: colleague.email, password: TEST_PASSWORD }, from('198.51.100.20'));
    assert.equal(owner.status, 303, 'signs in at once');

    const events = unlockEvents();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actor_id, admin.userId);
    assert.equal(events[0]!.target_type, 'user');
    assert.equal(events[0]!.target_id, colleague.id);
    assert.deepEqual(JSON.parse(events[0]!.detail), { failures: 50 });
    // The audit page names the action.
    assert.match((await admin.get('/desk/audit')).body, /Lifted a sign-in lock/);
  });

  test('from htmx, the row comes back without the lock', async () => {
    const colleague = await server.addUser('editor');
    await lockOut(colleague.email);
    const admin = await server.signIn('admin');
    const fragment = await admin.post(`/desk/users/${colleague.id}/unlock`, {}, { 'HX-Request': 'true' });
    assert.equal(fragment.status, 200);
    assert.match(fragment.body, new RegExp(`^<tr id="user-${colleague.id}"`));
    assert.doesNotMatch(fragment.body, /Locked out|Lift lock/);
    assert.equal(unlockEvents().length, 1);
  });

  test('lifting a lock that is not there changes nothing and writes no event', async () => {
    const colleague = await server.addUser('journalist');
    const admin = await server.signIn('admin');
    assert.equal((await admin.post(`/desk/users/${colleague.id}/unlock`, {})).status, 303);
    assert.equal(unlockEvents().length, 0);
  });

  for (const role of ['journalist', 'editor'] as const) {
    test(`a ${role} posting unlock gets a 403 and the lock stays`, async () => {
      const colleague = await server.addUser('journalist');
      await lockOut(colleague.email);
      const someone = await server.signIn(role);
      const answer = await someone.post(`/desk/users/${colleague.id}/unlock`, {});
      assert.equal(answer.status, 403);
      assert.equal(unlockEvents().length, 0);
      const failures = server.db.$client.prepare('SELECT count(*) FROM login_failures WHERE email = ?').pluck().get(colleague.email);
      assert.equal(failures, 50);
      const owner = await server.client().post('/login', { email: colleague.email, password: TEST_PASSWORD }, from('198.51.100.20'));
      assert.equal(owner.status, 429, 'still locked');
    });
  }

  test('the domain function checks the permission itself, against the actor as stored now', async () => {
    const colleague = await server.addUser('journalist');
    await lockOut(colleague.email);
    const editor = await server.addUser('editor');
    assert.throws(() => unlockLogin(server.db, { id: editor.id, role: 'editor' }, colleague.id), Forbidden);
    // A session that still says admin for someone no longer one is refused too.
    assert.throws(() => unlockLogin(server.db, { id: editor.id, role: 'admin' }, colleague.id), Forbidden);
    assert.equal(unlockEvents().length, 0);
    assert.equal(server.db.$client.prepare('SELECT count(*) FROM login_failures WHERE email = ?').pluck().get(colleague.email), 50);
  });

  test('an unknown account is a 404', async () => {
    const admin = await server.signIn('admin');
    assert.equal((await admin.post('/desk/users/999999/unlock', {})).status, 404);
    assert.equal((await admin.post('/desk/users/nope/unlock', {})).status, 404);
    assert.equal(unlockEvents().length, 0);
  });

  test('the post is CSRF-checked like every other', async () => {
    const colleague = await server.addUser('journalist');
    await lockOut(colleague.email);
    const admin = await server.signIn('admin');
    const forged = await admin.post(`/desk/users/${colleague.id}/unlock`, {}, { Origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    assert.equal(unlockEvents().length, 0);
  });
});
