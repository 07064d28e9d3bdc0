/**
 * After an editor acts on a claim, the page they land on says what was done; the author's
 * "the editor asked for changes" banner shows only while the request is unanswered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { claimFieldsFor, claimIdOf } from '../helpers/claim-fields.js';
import { startTestApp, type TestApp } from '../helpers/in-process.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

const version = (id: number) => String(t.db.$client.prepare('SELECT version FROM claims WHERE id = ?').pluck().get(id));

test('request changes, resubmit, publish, edit, approve, retract: each lands on a page that says what it did', async () => {
  const fields = claimFieldsFor(t);
  const journalist = await t.signIn('journalist');
  const editor = await t.signIn('editor');
  const id = claimIdOf((await journalist.post('/desk/claims', fields())).location);
  await journalist.post(`/desk/claims/${id}/submit`, { version: version(id) });

  const sentBack = await editor.post(`/desk/review/${id}/request-changes`, { version: version(id), comment: 'Name the venue.' });
  assert.equal(sentBack.status, 303);
  const afterSendBack = await editor.follow(sentBack);
  assert.match(afterSendBack.$('.notice-success').text(), /Sent back to the author/);
  assert.doesNotMatch(afterSendBack.body, /Saved\./);

  const authorView = await journalist.get(`/desk/claims/${id}`);
  assert.match(authorView.$('.notice-warning').text(), /The editor asked for changes:\s*Name the venue\./);

  await journalist.post(`/desk/claims/${id}/submit`, { version: version(id) });
  const resubmitted = await journalist.get(`/desk/claims/${id}`);
  assert.doesNotMatch(resubmitted.body, /The editor asked for changes/, 'the banner goes once the author has answered');

  const published = await editor.follow(await editor.post(`/desk/review/${id}/publish`, { version: version(id), override_reason: 'One report suffices here.' }));
  assert.match(published.$('.notice-success').text(), /Published/);
  assert.doesNotMatch(published.body, /The editor asked for changes/);

  const edited = await journalist.post(`/desk/claims/${id}`, fields({ version: version(id), venue: 'A press conference' }));
  assert.equal(edited.status, 303);
  const approved = await editor.follow(await editor.post(`/desk/review/${id}/publish`, { version: version(id), override_reason: 'ok', correction_note: 'The venue was corrected.' }));
  assert.match(approved.$('.notice-success').text(), /Edit approved/);

  await journalist.post(`/desk/claims/${id}`, fields({ version: version(id), venue: 'A briefing' }));
  const turnedDown = await editor.follow(await editor.post(`/desk/review/${id}/request-changes`, { version: version(id), comment: 'Keep the venue.' }));
  assert.match(turnedDown.$('.notice-success').text(), /Edit turned down/);
  assert.match((await journalist.get(`/desk/claims/${id}`)).$('.notice-warning').text(), /Keep the venue/);

  const retracted = await editor.follow(await editor.post(`/desk/review/${id}/retract`, { version: version(id), retraction_note: 'Misattributed.' }));
  assert.match(retracted.$('.notice-success').text(), /Retracted/);
  assert.doesNotMatch(retracted.body, /The editor asked for changes/);
});
