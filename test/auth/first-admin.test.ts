/**
 * The first start of an empty desk (as src/ops/first-start.ts runs it) makes an admin with a generated one-time
 * password, and the desk keeps them on /desk/password until they choose their own; or it takes
 * ADMIN_EMAIL / ADMIN_PASSWORD as given. A second call never adds anyone.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { verifyPassword } from '../../src/auth/passwords.js';
import { writeTransaction, type Db } from '../../src/db.js';
import { DEFAULT_ADMIN_EMAIL, insertFirstAdminIfNoUser, prepareFirstAdmin } from '../../src/users/first-admin.js';
import { listUsers, type PasswordCost } from '../../src/users/service.js';
import { startTestServer, TEST_PASSWORD_COST, type TestServer } from '../helpers/app.js';

/** The first-admin half of the first start: prepared (hashed) outside, inserted inside a write. */
async function ensureFirstAdmin(db: Db, given: { email: string | undefined; password: string | undefined }, cost: PasswordCost) {
  if (listUsers(db).length > 0) return null;
  const prepared = await prepareFirstAdmin(given, cost);
  return writeTransaction(db, () => insertFirstAdminIfNoUser(db, prepared));
}

describe('the first admin', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ withStory: false });
  });
  afterEach(() => server.stop());

  const users = () =>
    server.db.$client.prepare('SELECT email, role, must_change_password, password_hash FROM users').all() as {
      email: string;
      role: string;
      must_change_password: number;
      password_hash: string;
    }[];

  test('with nothing given: a generated password, which must be changed before any desk page opens', async () => {
    const created = await ensureFirstAdmin(server.db, { email: undefined, password: undefined }, TEST_PASSWORD_COST);
    assert.ok(created?.password, 'the one-time password is returned, to be printed once');
    assert.equal(created.email, DEFAULT_ADMIN_EMAIL);
    assert.ok(created.password.length >= 12);
    const [admin] = users();
    assert.equal(admin!.role, 'admin');
    assert.equal(admin!.must_change_password, 1);
    assert.ok(!admin!.password_hash.includes(created.password));

    const client = server.client();
    const login = await client.post('/login', { email: created.email, password: created.password });
    assert.equal(login.status, 303);
    assert.equal(login.location, '/desk/password');
    for (const path of ['/desk', '/desk/users', '/desk/audit', '/desk/claims']) {
      const page = await client.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, '/desk/password', path);
    }
    // Nor can anything be done before: an invitation is turned back, not carried out.
    const invite = await client.post('/desk/users', { email: 'early@newsroom.test', name: 'Early', role: 'admin' });
    assert.equal(invite.status, 303);
    assert.equal(invite.location, '/desk/password');
    assert.equal(users().length, 1);

    const form = await client.get('/desk/password');
    assert.equal(form.status, 200);
    assert.match(form.$('main').text(), /Choose your own before you go on/);
    assert.equal(form.$('header nav').length, 0, 'no desk navigation until the password is changed');

    const changed = await client.post('/desk/password', { current: created.password, next: 'a password of my own choosing', confirm: 'a password of my own choosing' });
    assert.equal(changed.status, 303);
    assert.equal(changed.location, '/desk?password-changed');
    assert.equal(users()[0]!.must_change_password, 0);
    assert.equal((await client.get('/desk')).status, 200);
    assert.equal((await client.get('/desk/users')).status, 200);
  });

  test('with ADMIN_EMAIL and ADMIN_PASSWORD: that account, not printed, no change forced', async () => {
    const given = { email: 'chief@newsroom.test', password: 'the operator chose this one' };
    const created = await ensureFirstAdmin(server.db, given, TEST_PASSWORD_COST);
    assert.deepEqual(created, { email: given.email, password: null });
    const [admin] = users();
    assert.equal(admin!.email, given.email);
    assert.equal(admin!.must_change_password, 0);
    assert.ok(await verifyPassword(given.password, admin!.password_hash));
    const login = await server.client().post('/login', { email: given.email, password: given.password });
    assert.equal(login.status, 303);
    assert.equal(login.location, '/desk');
  });

  test('a second call does nothing, and neither does a call on a desk that has users', async () => {
    const first = await ensureFirstAdmin(server.db, { email: undefined, password: undefined }, TEST_PASSWORD_COST);
    assert.ok(first);
    const hash = users()[0]!.password_hash;
    assert.equal(await ensureFirstAdmin(server.db, { email: undefined, password: undefined }, TEST_PASSWORD_COST), null);
    assert.equal(await ensureFirstAdmin(server.db, { email: 'x@newsroom.test', password: 'another long password' }, TEST_PASSWORD_COST), null);
    assert.equal(users().length, 1);
    assert.equal(users()[0]!.password_hash, hash, 'the admin is untouched');
    const events = server.db.$client.prepare("SELECT count(*) FROM audit_events WHERE action = 'user_created'").pluck().get();
    assert.equal(events, 1);
  });
});
