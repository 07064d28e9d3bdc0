/**
 * Account changes return their refusals (ADR 012) instead of throwing them: the desk's screens
 * render the outcome, each reason with its status (input 422, conflict 409, throttled 429).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor } from '../../src/auth/permissions.js';
import { changePassword, createUser, getUser, inviteUser, resetPassword, setDisabled, setRole } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
let admin: Actor;
before(async () => {
  testDb = makeTestDb({ withStory: false });
  const user = await createUser(testDb.db, { email: 'admin@outcome.test', name: 'Admin', role: 'admin', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  admin = { id: user.id, role: 'admin' };
});
after(() => testDb.close());

test('the last admin, one’s own account and a role that is not one are returned refusals, and change nothing', async () => {
  const { db } = testDb;
  assert.deepEqual(setRole(db, admin.id, 'editor', admin), {
    kind: 'invalid',
    errors: { role: 'This is the last admin: make someone else an admin first.' },
    message: 'This is the last admin: make someone else an admin first.',
    reason: 'conflict',
  });
  assert.equal(setRole(db, admin.id, 'owner', admin).kind, 'invalid');
  assert.equal(getUser(db, admin.id).role, 'admin');
  const own = setDisabled(db, admin.id, true, admin);
  assert.ok(own.kind === 'invalid' && own.reason === 'conflict');
  assert.equal(getUser(db, admin.id).disabledAt, null);
  const reset = await resetPassword(db, admin.id, admin, '', TEST_PASSWORD_COST);
  assert.ok(reset.kind === 'invalid' && reset.reason === 'conflict');
});

test('inviting a taken email and a wrong current password are refusals beside their field', async () => {
  const { db } = testDb;
  const input = { email: 'admin@outcome.test', name: 'Again', role: 'journalist' as const, password: TEST_PASSWORD };
  const again = await inviteUser(db, input, admin, TEST_PASSWORD_COST);
  assert.ok(again.kind === 'invalid' && again.reason === 'input' && again.errors.email);
  const wrong = await changePassword(db, admin.id, { current: 'not my password', next: 'a brand new passphrase' }, TEST_PASSWORD_COST);
  assert.ok(wrong.kind === 'invalid' && wrong.reason === 'input' && wrong.errors.current);
  const changed = await changePassword(db, admin.id, { current: TEST_PASSWORD, next: 'a brand new passphrase' }, TEST_PASSWORD_COST);
  assert.equal(changed.kind, 'saved');
});
