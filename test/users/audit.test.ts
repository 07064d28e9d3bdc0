/**
 * The audit log page at /desk/audit: newest first, in words, with who, the target (a claim links
 * to its desk page, a user is named), the detail and the address; 100 events a page with an
 * "Older" link; a bad `before` is refused, not a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordEvent } from '../../src/audit/log.js';
import { writeTransaction } from '../../src/db.js';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';

describe('/desk/audit', () => {
  let server: TestServer;
  let editor: Client & { userId: number };
  let admin: Client & { userId: number };
  before(async () => {
    server = await startTestServer({ withStory: false });
    admin = await server.signIn('admin');
    editor = await server.signIn('editor');
  });
  after(() => server.stop());

  const cells = (page: Awaited<ReturnType<Client['get']>>, selector: string) =>
    page
      .$(selector)
      .find('td')
      .map((_, td) => page.$(td).text().replace(/\s+/g, ' ').trim())
      .get();

  test('each row says when, who, what in words, to whom, the detail and the address, newest first', async () => {
    const target = await server.addUser('journalist');
    await admin.post(`/desk/users/${target.id}/role`, { role: 'editor' });
    await server.client().post('/login', { email: 'intruder@elsewhere.test', password: 'guessing wildly' });
    const page = await editor.get('/desk/audit');
    assert.equal(page.status, 200);
    const ids = page.$('tr[data-event]').map((_, tr) => Number(page.$(tr).attr('data-event'))).get();
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');

    const [failed, changed] = [page.$('tr[data-event]').eq(0), page.$('tr[data-event]').eq(1)];
    assert.equal(failed.attr('data-action'), 'login_failed');
    const failedCells = cells(page, 'tr[data-event]:nth-child(1)');
    assert.match(failedCells[0]!, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.equal(failedCells[1], 'Not signed in');
    assert.equal(failedCells[2], 'Failed sign-in');
    assert.equal(failedCells[3], '');
    assert.match(failedCells[4]!, /Email: intruder@elsewhere\.test/);
    assert.match(failedCells[4]!, /Reason: bad credentials/);
    assert.equal(failedCells[5], '127.0.0.1');
    assert.match(failed.find('time').attr('datetime')!, /^\d{4}-\d\d-\d\dT/);

    assert.equal(changed.attr('data-action'), 'role_changed');
    const changedCells = cells(page, 'tr[data-event]:nth-child(2)');
    assert.equal(changedCells[1], 'admin 1');
    assert.equal(changedCells[2], 'Changed a role');
    assert.equal(changedCells[3], 'journalist 3', 'the user is named, not numbered');
    assert.equal(changedCells[4], 'Role: journalist → editor');
  });

  test('claims link to their desk page; events without an actor read as the system', async () => {
    writeTransaction(server.db, () => {
      recordEvent(server.db, { action: 'claim_published', actorId: editor.userId, targetType: 'claim', targetId: 7, ip: '10.0.0.9' });
      recordEvent(server.db, {
        action: 'claim_retracted',
        actorId: editor.userId,
        targetType: 'claim',
        targetId: 7,
        detail: { reason: 'The quote was misattributed.' },
      });
      recordEvent(server.db, { action: 'user_created', actorId: null, targetType: 'user', targetId: admin.userId, detail: { email: 'x@y.test', role: 'admin' } });
    });
    const page = await editor.get('/desk/audit');
    const [created, retracted, published] = [0, 1, 2].map((i) => page.$('tr[data-event]').eq(i));
    assert.equal(created!.find('td').eq(1).text(), 'System');
    assert.equal(created!.find('td').eq(2).text(), 'Created an account');
    assert.match(created!.find('td').eq(4).text(), /Role:\s*admin/);
    assert.equal(retracted!.find('td').eq(2).text(), 'Retracted a claim');
    assert.equal(retracted!.find('td').eq(3).find('a').attr('href'), '/desk/claims/7');
    assert.match(retracted!.find('td').eq(4).text(), /Reason:\s*The quote was misattributed\./);
    assert.equal(published!.find('td').eq(2).text(), 'Published a claim');
    assert.equal(published!.find('td').eq(5).text(), '10.0.0.9');
  });

  test('100 events a page, an "Older" link to the next page, and no link on the last', async () => {
    writeTransaction(server.db, () => {
      for (let i = 0; i < 230; i++) recordEvent(server.db, { action: 'logout', actorId: editor.userId, targetType: 'user', targetId: editor.userId });
    });
    const total = server.db.$client.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const newest = server.db.$client.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
    const seen: number[] = [];
    let path: string | undefined = '/desk/audit';
    let pages = 0;
    while (path) {
      const page = await editor.get(path);
      assert.equal(page.status, 200);
      const ids = page.$('tr[data-event]').map((_, tr) => Number(page.$(tr).attr('data-event'))).get();
      pages++;
      if (path !== '/desk/audit') assert.equal(page.$('a[href="/desk/audit"]').filter((_, a) => page.$(a).text() === 'Newest').length, 1);
      seen.push(...ids);
      const older = page.$('a[rel=next]');
      if (older.length) {
        assert.equal(ids.length, 100);
        assert.equal(older.text().trim(), 'Older');
        assert.equal(older.attr('href'), `/desk/audit?before=${ids[ids.length - 1]}`);
      }
      path = older.attr('href');
    }
    assert.equal(pages, Math.ceil(total / 100));
    assert.equal(seen.length, total, 'every event once');
    assert.equal(new Set(seen).size, total);
    assert.equal(seen[0], newest);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
  });

  test('a page past the oldest event says so; a bad `before` is a 400', async () => {
    const empty = await editor.get('/desk/audit?before=1');
    assert.equal(empty.status, 200);
    assert.match(empty.$('main').text(), /There is nothing older/);
    for (const bad of ['abc', '-5', '0', '1e3', '99999999999999999999']) {
      const page = await editor.get(`/desk/audit?before=${bad}`);
      assert.equal(page.status, 400, bad);
    }
  });
});
