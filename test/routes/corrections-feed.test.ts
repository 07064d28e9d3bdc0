/**
 * `/corrections.atom` over real HTTP: a retraction with a hostile note appears as an Atom entry
 * that an XML parser reads back as the same text, linking to the claim's permalink.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { correctionsFeed } from '../../src/claims/corrections-feed.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

test('a retraction is an entry of the feed, its note read back exactly, linked to the claim', async () => {
  const empty = await fetch(`${server.url}/corrections.atom`);
  assert.equal(empty.status, 200);
  assert.match(empty.headers.get('content-type') ?? '', /^application\/atom\+xml/);
  const before = cheerio.load(await empty.text(), { xml: true });
  assert.equal(before('feed > id').text(), `${server.url}/corrections`);
  const entriesBefore = before('entry').length;

  const editor = await server.signIn('editor');
  const version = server.db.$client.prepare('SELECT version FROM claims WHERE id = 1').pluck().get() as number;
  const note = 'Withdrawn: <script>alert(1)</script> & the “source” was \u0001wrong.';
  const retracted = await editor.post('/desk/review/1/retract', { version: String(version), retraction_note: note });
  assert.equal(retracted.status, 303, retracted.body.slice(0, 300));

  const feed = cheerio.load(await (await fetch(`${server.url}/corrections.atom`)).text(), { xml: true });
  assert.equal(feed('entry').length, entriesBefore + 1);
  const entry = feed('entry').first();
  assert.match(entry.find('title').text(), /^Retraction: /);
  assert.equal(entry.find('link').attr('href'), `${server.url}/claims/1`);
  // Atom type="html" (the feed library's form): the content is escaped HTML, which a reader
  // decodes back to exactly the note, as text, with no element in it.
  assert.equal(entry.find('content').attr('type'), 'html');
  const shown = cheerio.load(entry.find('content').text());
  assert.equal(shown('script').length, 0);
  assert.equal(shown.root().text(), note.replace('\u0001', ''), 'escaped, not interpreted; a control character XML cannot hold is dropped');
  assert.match(entry.find('updated').text(), /^\d{4}-\d\d-\d\dT/);
  assert.equal(feed('feed > updated').text(), entry.find('updated').text());
  const page = await server.client().get('/corrections');
  assert.equal(page.$('a[href="/corrections.atom"]').length, 1);
});

test('an entry without its time (old data) still has a valid updated date', async () => {
  const entry = { kind: 'retraction' as const, claimId: 9, note: 'n', at: '', statement: 's', form: 'paraphrase' as const, party: { slug: 'p', name: 'P' } };
  const feed = cheerio.load(correctionsFeed([entry], 'https://x.test'), { xml: true });
  assert.equal(feed('feed > updated').text(), '1970-01-01T00:00:00.000Z');
  assert.equal(feed('entry updated').text(), '1970-01-01T00:00:00.000Z');
  const dated = cheerio.load(correctionsFeed([entry, { ...entry, at: '2024-03-07T10:00:00.000Z' }], 'https://x.test'), { xml: true });
  assert.equal(dated('feed > updated').text(), '2024-03-07T10:00:00.000Z');
});
