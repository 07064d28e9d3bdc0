/**
 * A stale save (409) merges three ways: the version the form was opened at, the version saved
 * since, and what was sent. Their changes come into the form, mine stay, and only fields both
 * changed are asked about; "save again" keeps the other person's untouched fields.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordFormFields } from '../helpers/forms.js';
import { claimFieldsFor, claimIdOf } from '../helpers/claim-fields.js';
import { startTestApp, type TestApp } from '../helpers/in-process.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

const claim = (id: number) => t.db.$client.prepare('SELECT venue, rating_explanation_md AS explanation, statement FROM claims WHERE id = ?').get(id) as { venue: string; explanation: string; statement: string };

describe('claims', () => {
  test('their change to one field and mine to another both survive "save again"', async () => {
    const fields = claimFieldsFor(t);
    const alice = await t.signIn('editor');
    const bob = await t.signIn('editor');
    const id = claimIdOf((await alice.post('/desk/claims', fields())).location);
    await alice.post(`/desk/claims/${id}`, fields({ version: '1', venue: 'ALICE-VENUE' }));
    const stale = await bob.post(`/desk/claims/${id}`, fields({ version: '1', rating_explanation: 'BOB-EXPLANATION' }));
    assert.equal(stale.status, 409);
    assert.equal(stale.$('input[name="venue"]').val(), 'ALICE-VENUE', 'her change is in the form');
    assert.equal(stale.$('textarea[name="rating_explanation"]').text(), 'BOB-EXPLANATION', 'mine is kept');
    assert.match(stale.$('.conflict-merged').text(), /Their change to the venue is now in the form/);
    assert.match(stale.$('.conflict-merged').text(), /Nothing you both changed/);
    assert.equal(stale.$('.conflict-fields li').length, 0);
    assert.equal(claim(id).venue, 'ALICE-VENUE', 'nothing of mine saved yet');

    // Save again with what the form now holds: both changes stand.
    const again = await bob.post(`/desk/claims/${id}`, fields({ version: String(stale.$('input[name="version"]').val()), venue: String(stale.$('input[name="venue"]').val()), rating_explanation: 'BOB-EXPLANATION' }));
    assert.equal(again.status, 303);
    assert.deepEqual({ venue: claim(id).venue, explanation: claim(id).explanation }, { venue: 'ALICE-VENUE', explanation: 'BOB-EXPLANATION' });
  });

  test('a field both changed is the only one asked about, and the form keeps mine there', async () => {
    const fields = claimFieldsFor(t);
    const alice = await t.signIn('editor');
    const bob = await t.signIn('editor');
    const id = claimIdOf((await alice.post('/desk/claims', fields())).location);
    await alice.post(`/desk/claims/${id}`, fields({ version: '1', venue: 'ALICE-VENUE', rating_explanation: 'ALICE-EXPLANATION' }));
    const stale = await bob.post(`/desk/claims/${id}`, fields({ version: '1', venue: 'BOB-VENUE' }));
    assert.equal(stale.status, 409);
    assert.equal(stale.$('input[name="venue"]').val(), 'BOB-VENUE');
    assert.equal(stale.$('textarea[name="rating_explanation"]').text(), 'ALICE-EXPLANATION');
    assert.deepEqual(stale.$('.conflict-fields li').map((_, li) => stale.$(li).text()).get(), ['venue']);
    assert.match(stale.$('.conflict-merged').text(), /You both changed the venue: the form keeps yours/);
  });
});

describe('records', () => {
  test('a source: their title change comes into the form beside my publisher change; only a field both changed is listed', async () => {
    const alice = await t.signIn('editor');
    const bob = await t.signIn('editor');
    // A version with its revision on record to start from (the fixtures' first versions have none).
    assert.equal((await alice.post('/desk/sources/2/edit', { ...recordFormFields(await alice.get('/desk/sources/2/edit')), comment: 'Checked' })).status, 303);
    const formA = await alice.get('/desk/sources/2/edit');
    const formB = await bob.get('/desk/sources/2/edit');
    const a = recordFormFields(formA);
    const b = recordFormFields(formB);
    assert.equal((await alice.post('/desk/sources/2/edit', { ...a, title: 'ALICE TITLE', description: 'Alice wrote this.' })).status, 303);
    const stale = await bob.post('/desk/sources/2/edit', { ...b, publisher: 'BOB PUBLISHER', description: 'Bob wrote this.' });
    assert.equal(stale.status, 409);
    assert.equal(stale.$('input[name="title"]').val(), 'ALICE TITLE');
    assert.equal(stale.$('input[name="publisher"]').val(), 'BOB PUBLISHER');
    assert.equal(stale.$('textarea[name="description"]').text(), 'Bob wrote this.');
    assert.deepEqual(stale.$('.conflict-table tr[data-field]').map((_, tr) => stale.$(tr).attr('data-field')).get(), ['Publisher', 'Description']);
    assert.match(stale.$('.conflict tr[data-field="Description"] th').text(), /changed by them/);
    assert.match(stale.$('.conflict tr[data-field="Publisher"] th').text(), /only you changed it/);
    assert.match(stale.$('.conflict').text(), /Their change to Title is in the form/);
    assert.match(stale.$('.conflict').text(), /You both changed Description: the form keeps yours/);
    assert.doesNotMatch(stale.$('.conflict-table').text(), /Title/);
    const again = await bob.post('/desk/sources/2/edit', recordFormFields(stale));
    assert.equal(again.status, 303);
    const row = t.db.$client.prepare('SELECT title, publisher, description FROM sources WHERE id = 2').get();
    assert.deepEqual(row, { title: 'ALICE TITLE', publisher: 'BOB PUBLISHER', description: 'Bob wrote this.' });
  });
});

test('without the opened version on record, the form keeps what was sent and shows every difference', async () => {
  const alice = await t.signIn('editor');
  const bob = await t.signIn('editor');
  const b = recordFormFields(await bob.get('/desk/sources/3/edit'));
  assert.equal((await alice.post('/desk/sources/3/edit', { ...recordFormFields(await alice.get('/desk/sources/3/edit')), title: 'ALICE' })).status, 303);
  const stale = await bob.post('/desk/sources/3/edit', { ...b, publisher: 'BOB' });
  assert.equal(stale.status, 409);
  assert.equal(stale.$('input[name="publisher"]').val(), 'BOB');
  assert.match(stale.$('.conflict').text(), /replace their version with yours/);
});
