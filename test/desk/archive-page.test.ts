/** A new source's first capture is "Capture 1", and the archive page shows the archived text. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/in-process.js';

let t: TestApp;
before(() => {
  t = startTestApp();
});
after(() => t.close());

test('captures are numbered within their source and the archive shows the text of the one shown', async () => {
  const editor = await t.signIn('editor');
  const created = await editor.post('/desk/sources', { title: 'A ministry statement', publisher: 'The ministry', kind: 'official_statement', comment: '' });
  assert.equal(created.status, 303, created.body.slice(0, 300));
  const id = Number(/(\d+)$/.exec(created.location!)![1]);
  const first = await editor.post(`/desk/sources/${id}/archive`, { text: 'The minister said the talks would resume.\n\nA second paragraph.' });
  assert.equal(first.status, 303);
  const page = await editor.follow(first);
  assert.equal(page.$('tr[data-snapshot] td:first-child').first().text().trim(), 'Capture 1');
  assert.match(page.$('#archived-text-heading').text(), /Text of capture 1/);
  assert.deepEqual(page.$('.archived-text p').map((_, p) => page.$(p).text()).get(), ['The minister said the talks would resume.', 'A second paragraph.']);

  await editor.post(`/desk/sources/${id}/archive`, { text: 'The minister said the talks would resume on Monday.\n\nA second paragraph.' });
  const again = await editor.get(`/desk/sources/${id}/archive`);
  assert.deepEqual(again.$('tr[data-snapshot] td:first-child').map((_, td) => again.$(td).text().trim().replace(/\s+/g, ' ')).get(), ['Capture 2 · changes', 'Capture 1']);
  assert.match(again.$('#changes-heading').text(), /capture 1 to capture 2/);
  assert.match(again.$('.archived-text').text(), /on Monday/);
  const suggest = await editor.get(`/desk/sources/${id}/suggest`);
  assert.match(suggest.body, /Read from capture 2 of/);
});
