/**
 * The desk's source screens over real HTTP: creating and editing, validation (links, dates,
 * kinds) with the input kept, 409 on a stale version, revisions, permissions (a source a
 * published claim cites is an editor's to change), search, and the public source page
 * refreshing at once after an editor's change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { publicationGeneration } from '../../src/db.js';
import { startTestServer, type Page, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

function source(id: number) {
  return server.db.select().from(t.sources).where(eq(t.sources.id, id)).get();
}
function revisionsOf(id: number) {
  return server.db
    .select()
    .from(t.revisions)
    .where(and(eq(t.revisions.entityType, 'source'), eq(t.revisions.entityId, id)))
    .orderBy(t.revisions.version)
    .all();
}
function countSources() {
  return server.db.select({ id: t.sources.id }).from(t.sources).all().length;
}
function idFrom(page: Page): number {
  const match = /^\/desk\/sources\/(\d+)$/.exec(page.location ?? '');
  assert.ok(match, `expected a redirect to the source, got ${page.status} ${page.location}`);
  return Number(match[1]);
}
/** A source a published claim cites: The Independent's report in the fixtures. */
function publicSource() {
  const row = server.db
    .selectDistinct({ id: t.citations.sourceId })
    .from(t.citations)
    .innerJoin(t.claims, eq(t.claims.id, t.citations.claimId))
    .where(eq(t.claims.state, 'published'))
    .get();
  return source(row!.id)!;
}

const report = {
  title: 'Germany investigates leaked call',
  publisher: 'Deutsche Welle',
  author: 'A. Reporter',
  url: 'https://www.dw.com/en/leak/a-1',
  published_on: '2024-03-02',
  accessed_on: '2024-03-06',
  kind: 'news_report',
  description: 'Report on the investigation.',
  comment: 'Added for the timeline',
};

describe('sources', () => {
  test('anonymous users are sent to the login page', async () => {
    const page = await server.client().get('/desk/sources/new');
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login/);
  });

  test('a journalist creates a source; the revision holds the full record', async () => {
    const journalist = await server.signIn('journalist');
    assert.equal((await journalist.get('/desk/sources/new')).status, 200);
    const saved = await journalist.post('/desk/sources', report);
    assert.equal(saved.status, 303);
    const id = idFrom(saved);
    const row = source(id)!;
    assert.equal(row.title, report.title);
    assert.equal(row.author, 'A. Reporter');
    assert.equal(row.url, 'https://www.dw.com/en/leak/a-1');
    assert.equal(row.publishedOn, '2024-03-02');
    assert.equal(row.accessedOn, '2024-03-06');
    assert.equal(row.version, 1);
    const [revision] = revisionsOf(id);
    assert.equal(revision!.event, 'created');
    assert.equal(revision!.authorId, journalist.userId);
    const snapshot = JSON.parse(revision!.snapshot);
    assert.equal(snapshot.source.url, report.url);
    assert.equal(snapshot.source.kind, 'news_report');

    const page = await journalist.follow(saved);
    assert.equal(page.$('h1').text(), report.title);
    assert.match(page.$('.facts').text(), /2 March 2024/);
    assert.equal(page.$('.revision-history tbody tr').length, 1);
  });

  test('optional fields left empty are stored as null', async () => {
    const journalist = await server.signIn('journalist');
    const id = idFrom(await journalist.post('/desk/sources', { title: 'Bare', publisher: 'Someone', kind: 'interview' }));
    const row = source(id)!;
    assert.equal(row.author, null);
    assert.equal(row.url, null);
    assert.equal(row.publishedOn, null);
    assert.equal(row.accessedOn, null);
  });

  test('invalid links, dates and kinds answer 422 with the input kept', async () => {
    const journalist = await server.signIn('journalist');
    const before = countSources();
    for (const url of ['javascript:alert(1)', 'ftp://example.com/x', 'www.example.com', 'data:text/html,hi']) {
      const page = await journalist.post('/desk/sources', { ...report, url });
      assert.equal(page.status, 422, url);
      assert.match(page.$('#field-url-error').text(), /https:\/\//);
      assert.equal(page.$('[name=url]').val(), url);
    }
    const page = await journalist.post('/desk/sources', {
      ...report,
      title: '',
      publisher: '',
      published_on: '2024-13-01',
      accessed_on: '5 March 2024',
      kind: 'rumour',
    });
    assert.equal(page.status, 422);
    assert.equal(countSources(), before);
    assert.match(page.$('#field-title-error').text(), /Enter the title/);
    assert.match(page.$('#field-publisher-error').text(), /Enter the publisher/);
    assert.match(page.$('#field-published_on-error').text(), /real date/);
    assert.match(page.$('#field-accessed_on-error').text(), /YYYY-MM-DD/);
    assert.match(page.$('#field-kind-error').text(), /kind of source/);
    assert.equal(page.$('[name=accessed_on]').val(), '5 March 2024');
    assert.equal(page.$('[name=author]').val(), 'A. Reporter');
    assert.equal(page.$('[name=description]').text(), 'Report on the investigation.');
  });

  test('a field sent twice is refused with 400, not a 500', async () => {
    const journalist = await server.signIn('journalist');
    const page = await journalist.post('/desk/sources', { ...report, title: ['One', 'Two'] });
    assert.equal(page.status, 400);
  });

  test('a journalist edits an unpublished source; an editor is needed once a published claim cites it', async () => {
    const journalist = await server.signIn('journalist');
    const id = idFrom(await journalist.post('/desk/sources', report));
    const form = await journalist.get(`/desk/sources/${id}/edit`);
    assert.equal(form.status, 200);
    assert.equal(form.$('input[name=version]').val(), '1');
    const saved = await journalist.post(`/desk/sources/${id}/edit`, { ...report, version: '1', title: 'Germany investigates the leaked call' });
    assert.equal(saved.status, 303);
    assert.equal(source(id)!.title, 'Germany investigates the leaked call');
    assert.equal(source(id)!.version, 2);
    assert.deepEqual(revisionsOf(id).map((r) => r.event), ['created', 'edited']);

    const cited = publicSource();
    assert.equal((await journalist.get(`/desk/sources/${cited.id}/edit`)).status, 403);
    const refused = await journalist.post(`/desk/sources/${cited.id}/edit`, { ...report, version: String(cited.version) });
    assert.equal(refused.status, 403);
    assert.equal(source(cited.id)!.title, cited.title);
  });

  test("an editor's change to a public source shows on its public page at once", async () => {
    const editor = await server.signIn('editor');
    const cited = publicSource();
    const before = await server.client().get(`/sources/${cited.id}`);
    assert.equal(before.status, 200);
    const generation = publicationGeneration(server.db);
    const saved = await editor.post(`/desk/sources/${cited.id}/edit`, {
      version: String(cited.version),
      title: `${cited.title} (corrected)`,
      publisher: cited.publisher,
      author: cited.author ?? '',
      url: cited.url ?? '',
      published_on: cited.publishedOn ?? '',
      accessed_on: cited.accessedOn ?? '',
      kind: cited.kind,
      description: cited.description,
    });
    assert.equal(saved.status, 303);
    assert.equal(publicationGeneration(server.db), generation + 1);
    const after = await server.client().get(`/sources/${cited.id}`);
    assert.ok(after.body.includes(`${cited.title} (corrected)`));
  });

  test('a stale version answers 409 with both versions and overwrites nothing', async () => {
    const a = await server.signIn('editor');
    const b = await server.signIn('editor');
    const id = idFrom(await a.post('/desk/sources', report));
    assert.equal((await b.post(`/desk/sources/${id}/edit`, { ...report, version: '1', publisher: 'DW' })).status, 303);
    const refused = await a.post(`/desk/sources/${id}/edit`, { ...report, version: '1', publisher: 'Deutsche Welle English' });
    assert.equal(refused.status, 409);
    assert.equal(source(id)!.publisher, 'DW');
    assert.equal(refused.$('[name=publisher]').val(), 'Deutsche Welle English');
    assert.equal(refused.$('input[name=version]').val(), '2');
    const row = refused.$('#conflict tr[data-field=Publisher]');
    assert.equal(row.find('.conflict-saved').text(), 'DW');
    assert.equal(row.find('.conflict-yours').text(), 'Deutsche Welle English');
    assert.equal(refused.$('#conflict tr[data-field=Title]').length, 0, 'unchanged fields are not listed');
  });

  test('the list is newest first and searches title, publisher and author', async () => {
    const journalist = await server.signIn('journalist');
    const all = await journalist.get('/desk/sources');
    const ids = all.$('tbody tr').map((_, tr) => Number(all.$(tr).attr('data-source'))).get();
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x));
    const found = await journalist.get('/desk/sources?q=a.%20reporter');
    assert.ok(found.$('tbody tr').length >= 1);
    found.$('tbody tr td:nth-child(2)').each((_, td) => assert.match(found.$(td).text(), /DW|Deutsche Welle/));
    const none = await journalist.get('/desk/sources?q=_nothing_like_this_');
    assert.equal(none.$('tbody tr').length, 0);
  });

  test('non-numeric ids are 404', async () => {
    const journalist = await server.signIn('journalist');
    assert.equal((await journalist.get('/desk/sources/x')).status, 404);
    assert.equal((await journalist.get('/desk/sources/0/edit')).status, 404);
  });
});
