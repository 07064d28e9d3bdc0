/**
 * Suggestions can be set aside (remembered for that capture: a new capture reads afresh) and
 * brought back, and several can be ticked and drafted together; a ticked suggestion with a new
 * speaker is left for "Make this a draft claim", where its party is confirmed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/in-process.js';
import type { Page } from '../helpers/app.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

const count = (sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).pluck().get(...args) as number;
const TEXT = [
  'Germany’s defence minister faced more questions on Thursday.',
  '“We have closed the gap in our procedures,” Mr Pistorius said on Wednesday.',
  '“The Kremlin will study the recording closely,” Dmitry Peskov said on Wednesday.',
  '“The harbour stays shut until spring,” said Marta Lindqvist, who chairs the port board.',
].join('\n');

function itemWith(page: Page, words: string) {
  return page.$('li[data-suggestion]').filter((_, li) => page.$(li).find('.suggested-statement').text().includes(words));
}

async function newSource(journalist: Awaited<ReturnType<TestApp['signIn']>>, text = TEXT) {
  const id = Number(t.db.$client.prepare("INSERT INTO sources (title, publisher, kind, published_on) VALUES ('Follow-up', 'The Courier', 'news_report', '2024-03-07')").run().lastInsertRowid);
  assert.equal((await journalist.post(`/desk/sources/${id}/archive`, { text })).status, 303);
  return id;
}

test('a suggestion set aside stays aside for that capture, can be shown and brought back, and a new capture reads afresh', async () => {
  const journalist = await t.signIn('journalist');
  const id = await newSource(journalist);
  const page = await journalist.get(`/desk/sources/${id}/suggest?story=1`);
  const item = itemWith(page, 'closed the gap');
  assert.equal(item.length, 1);
  const key = item.attr('data-key')!;
  const dismiss = item.find(`form[action="/desk/sources/${id}/suggest/dismiss"]`);
  const fields = Object.fromEntries(dismiss.find('input[type=hidden]').map((_, i) => [[page.$(i).attr('name')!, String(page.$(i).val())]]).get() as [string, string][]);
  const set = await journalist.post(`/desk/sources/${id}/suggest/dismiss`, fields);
  assert.equal(set.status, 303);
  assert.equal(set.location, `/desk/sources/${id}/suggest?story=1`);

  const after = await journalist.follow(set);
  assert.equal(itemWith(after, 'closed the gap').length, 0, 'set aside');
  assert.match(after.$('#set-aside').text(), /1 suggestion is set aside for this capture/);
  const shown = await journalist.get(`/desk/sources/${id}/suggest?story=1&set-aside`);
  assert.equal(itemWith(shown, 'closed the gap').attr('data-set-aside'), 'yes');

  // Another journalist sees it set aside too: it is the capture's, not a personal filter.
  const colleague = await t.signIn('journalist');
  assert.equal(itemWith(await colleague.get(`/desk/sources/${id}/suggest?story=1`), 'closed the gap').length, 0);

  // A new capture of the source is read afresh.
  assert.equal((await journalist.post(`/desk/sources/${id}/archive`, { text: `${TEXT}\nA later paragraph.` })).status, 303);
  assert.equal(itemWith(await journalist.get(`/desk/sources/${id}/suggest?story=1`), 'closed the gap').length, 1);

  // Brought back on the first capture.
  const snapshot = fields.snapshot!;
  assert.equal((await journalist.post(`/desk/sources/${id}/suggest/dismiss`, { ...fields, snapshot, undo: '1' })).status, 303);
  assert.equal(count('SELECT count(*) FROM suggestion_dismissals WHERE snapshot_id = ? AND suggestion_key = ?', Number(snapshot), key), 0);
});

test('set aside refuses a made-up key or a capture of another source, and changes nothing', async () => {
  const journalist = await t.signIn('journalist');
  const id = await newSource(journalist);
  const before = count('SELECT count(*) FROM suggestion_dismissals');
  assert.equal((await journalist.post(`/desk/sources/${id}/suggest/dismiss`, { snapshot: '1', key: '0123456789abcdef', story: '1' })).status, 400);
  assert.equal((await journalist.post(`/desk/sources/${id}/suggest/dismiss`, { snapshot: '1', key: 'nope', story: '1' })).status, 400);
  assert.equal(count('SELECT count(*) FROM suggestion_dismissals'), before);
});

test('ticked suggestions are drafted together; one with a new speaker is left to be confirmed', async () => {
  const journalist = await t.signIn('journalist');
  const id = await newSource(journalist);
  const page = await journalist.get(`/desk/sources/${id}/suggest?story=1`);
  const picks = ['closed the gap', 'study the recording', 'harbour stays shut'].map((w) => itemWith(page, w).attr('data-key')!);
  assert.ok(picks.every(Boolean), String(picks));
  assert.equal(page.$(`input[name=pick][form="draft-several"]`).length >= 3, true);
  const [claims, parties] = [count('SELECT count(*) FROM claims'), count('SELECT count(*) FROM parties')];
  const drafted = await journalist.post(`/desk/sources/${id}/suggest/several`, { story: '1', pick: picks });
  assert.equal(drafted.status, 303);
  assert.equal(count('SELECT count(*) FROM claims'), claims + 2);
  assert.equal(count('SELECT count(*) FROM parties'), parties, 'no party made without confirmation');
  const after = await journalist.follow(drafted);
  assert.match(after.$('.notice-success').text(), /2 drafts made.*1 with a new speaker waits/);
  assert.notEqual(itemWith(after, 'closed the gap').attr('data-duplicate'), '', 'now recorded');
  assert.equal(count("SELECT count(*) FROM claims WHERE state = 'draft' AND author_id = ?", journalist.userId), 2);
});
