/**
 * "Make this a draft" on a suggestion whose speaker is not a party yet: nothing is saved until
 * the journalist has confirmed or corrected the new party's name and kind; saving the draft
 * creates the party with it. (A known speaker still becomes a draft in one click.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formEntries } from '../browser/desk-support.js';
import { startTestApp, type TestApp } from '../helpers/in-process.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

const count = (table: string) => t.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

test('a new speaker becomes a party only when the draft is saved, with the name and kind the journalist gave', async () => {
  const journalist = await t.signIn('journalist');
  const sourceId = Number(
    t.db.$client.prepare("INSERT INTO sources (title, publisher, kind, published_on) VALUES ('Harbour report', 'The Courier', 'news_report', '2024-03-07')").run().lastInsertRowid,
  );
  const text = ['The harbour closed early on Thursday.', '“The cranes will not run again before spring,” said Marta Lindqvist, who chairs the port board.'].join('\n');
  assert.equal((await journalist.post(`/desk/sources/${sourceId}/archive`, { text })).status, 303);
  const page = await journalist.get(`/desk/sources/${sourceId}/suggest?story=1`);
  const item = page.$('li[data-suggestion]').filter((_, li) => page.$(li).find('.suggested-statement').text().includes('cranes'));
  assert.equal(item.length, 1, page.$('main').text().slice(0, 500));
  const fields = Object.fromEntries(item.find('form input[type="hidden"]').map((_, input) => [[page.$(input).attr('name')!, page.$(input).val() as string]]).get() as [string, string][]);
  assert.equal(fields.party, '', 'the speaker is not a party yet');

  const [parties, claims] = [count('parties'), count('claims')];
  const draft = await journalist.post(`/desk/sources/${sourceId}/suggest`, fields);
  assert.equal(draft.status, 200, 'a form to check, not a saved draft');
  assert.equal(count('parties'), parties, 'no party yet');
  assert.equal(count('claims'), claims, 'no claim yet');
  assert.match(draft.$('#new-party-check').text(), /created only when you save/);
  assert.equal(draft.$('select[name="party"] option[selected]').attr('value'), 'new');
  assert.equal(draft.$('input[name="new_party_name"]').val(), fields.new_party_name);
  assert.match(String(draft.$('textarea[name="statement"]').text()), /cranes will not run again/);

  // Saving with a corrected name and kind creates the party with the claim.
  const entries = formEntries(draft, '#claim-form').filter(([name]) => !['intent', 'new_party_name', 'new_party_kind'].includes(name));
  const saved = await journalist.post('/desk/claims', [...entries, ['new_party_name', 'Port board of Ostmark'], ['new_party_kind', 'organisation']]);
  assert.equal(saved.status, 303, saved.$('.error-summary').text());
  assert.equal(count('parties'), parties + 1);
  const party = t.db.$client.prepare('SELECT p.name, p.kind FROM claims c JOIN parties p ON p.id = c.party_id ORDER BY c.id DESC LIMIT 1').get();
  assert.deepEqual(party, { name: 'Port board of Ostmark', kind: 'organisation' });
});
