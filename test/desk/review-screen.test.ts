/**
 * The review queue says who submitted each claim and how long it has waited; the review screen
 * links each cited passage to where it stands in its source's archived text; overriding the
 * "quoted words are in the source" item warns, on the form, what the public page will show.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { claimFieldsFor, claimIdOf } from '../helpers/claim-fields.js';
import { startTestApp, type TestApp } from '../helpers/in-process.js';
import { timeWaited } from '../../src/lib/dates.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

const version = (id: number) => String(t.db.$client.prepare('SELECT version FROM claims WHERE id = ?').pluck().get(id));

async function submitted(overrides: Record<string, string | string[]> = {}) {
  const journalist = await t.signIn('journalist');
  const id = claimIdOf((await journalist.post('/desk/claims', claimFieldsFor(t)(overrides))).location);
  assert.equal((await journalist.post(`/desk/claims/${id}/submit`, { version: version(id) })).status, 303);
  return { id, journalist };
}

test('the queue shows who submitted each claim and how long it has waited', async () => {
  const { id, journalist } = await submitted();
  // Submitted three hours ago.
  t.db.$client.prepare("UPDATE revisions SET created_at = ? WHERE entity_type = 'claim' AND entity_id = ? AND event = 'submitted'").run(new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString(), id);
  const editor = await t.signIn('editor');
  const queue = await editor.get('/desk/review');
  const headings = queue.$('thead th').map((_, th) => queue.$(th).text()).get();
  assert.deepEqual(headings.slice(-2), ['Submitted by', 'Waiting']);
  const cells = queue.$(`tr[data-claim="${id}"] td`).map((_, td) => queue.$(td).text().trim()).get();
  assert.equal(cells.at(-2), journalist.name);
  assert.equal(cells.at(-1), '3 hours');
});

test('time waited reads in minutes, hours, then days', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  assert.equal(timeWaited('2026-12-03T11:59:00Z', now), '1 minute');
  assert.equal(timeWaited('2026-12-03T11:15:00Z', now), '45 minutes');
  assert.equal(timeWaited('2026-12-02T13:00:00Z', now), '23 hours');
  assert.equal(timeWaited('2026-11-30T12:00:00Z', now), '3 days');
});

test('the review screen links the cited passage to its place in the archived source, marked there', async () => {
  const { id } = await submitted();
  const editor = await t.signIn('editor');
  const review = await editor.get(`/desk/review/${id}`);
  const link = review.$('.cited-passages li[data-source="1"] a');
  assert.match(link.attr('href') ?? '', /^\/desk\/sources\/1\/archive\?passage=\d+-\d+#cited-passage$/);
  const archive = await editor.get(link.attr('href')!.replace(/#.*/, ''));
  assert.equal(archive.$('mark#cited-passage').text(), review.$('.cited-passages li[data-source="1"] q').text());
});

test('overriding the quote item says, on the form, that the public page will show the quote as not confirmed', async () => {
  const editor = await t.signIn('editor');
  const verified = await submitted();
  assert.equal((await editor.get(`/desk/review/${verified.id}`)).$('#quote-override-warning').length, 0);
  const unverified = await submitted({ statement: 'The leak proved “words that appear nowhere in the article”.' });
  const review = await editor.get(`/desk/review/${unverified.id}`);
  assert.equal(review.$('.checklist li[data-item="quote-verified"]').attr('data-ok'), 'no');
  const warning = review.$('#quote-override-warning');
  assert.match(warning.text(), /public page shows “✘ Quote not confirmed”/);
  // It stands in the publish form, just before the override reason.
  assert.equal(warning.closest('form').attr('action'), `/desk/review/${unverified.id}/publish`);
  assert.equal(warning.next('.field').find('textarea').attr('name'), 'override_reason');
});
