/**
 * The public page cache in front of the app: a change for readers (a publish, a correction, a
 * retraction) renders again exactly the pages that show what changed, and the others are still
 * answered from memory with the same ETag; a random query string does not make a new page; bytes
 * are compressed once; a hit runs no SQL.
 */
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/app.js';
import { publishClaim, retractClaim } from '../../src/review/service.js';
import { editableRecord, saveClaim } from '../../src/claims/service.js';
import { recordToForm, validateClaimForm } from '../../src/claims/form.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, testConfig, type TestDb } from '../helpers/app.js';

type LogLine = Record<string, unknown>;

describe('page cache', () => {
  let testDb: TestDb;
  let lines: LogLine[];
  let app: ReturnType<typeof createApp>;
  /** The cache's clock, in ms: moved by hand to reach its once-a-second recheck. */
  let clock = 0;

  before(() => {
    testDb = makeTestDb();
    lines = [];
    app = createApp({ db: testDb.db, config: testConfig(), log: (line) => lines.push(line), pageCacheOptions: { now: () => clock } });
  });
  after(() => testDb.close());

  /** GET a page; says whether it came from memory (the cache logs its hits). */
  async function get(path: string, headers: Record<string, string> = {}) {
    const before = lines.length;
    const response = await app.request(path, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const hit = lines.slice(before).some((line) => line.cache === 'hit');
    return { response, body, hit };
  }

  test('a page is rendered once and then answered from memory with the same ETag; a revalidation is a 304', async () => {
    const first = await get('/stories/taurus-leak');
    assert.equal(first.response.status, 200);
    assert.equal(first.hit, false);
    const second = await get('/stories/taurus-leak');
    assert.equal(second.hit, true);
    assert.equal(second.response.headers.get('etag'), first.response.headers.get('etag'));
    assert.deepEqual(second.body, first.body);
    // Every header the page was first sent with is still there.
    for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'content-type']) {
      assert.equal(second.response.headers.get(name), first.response.headers.get(name), name);
    }
    assert.ok(second.response.headers.get('x-request-id'));
    const revalidated = await get('/stories/taurus-leak', { 'If-None-Match': first.response.headers.get('etag')! });
    assert.equal(revalidated.response.status, 304);
  });

  test('query parameters a page does not read do not make another page', async () => {
    await get('/claims/1');
    const tracked = await get('/claims/1?utm_source=x&random=12345');
    assert.equal(tracked.hit, true);
    const unknownParty = await get('/stories/taurus-leak?party=nobody-at-all');
    assert.equal(unknownParty.response.status, 200);
    const again = await get('/stories/taurus-leak?party=nobody-at-all');
    assert.equal(again.hit, false, 'a comparison naming unknown parties is not kept');
  });

  test('compressed once when the client accepts it', async () => {
    const plain = await get('/stories/taurus-leak');
    const gzipped = await get('/stories/taurus-leak', { 'Accept-Encoding': 'gzip, deflate' });
    assert.equal(gzipped.response.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(gunzipSync(gzipped.body), plain.body);
    assert.match(gzipped.response.headers.get('vary') ?? '', /Accept-Encoding/);
    const refused = await get('/stories/taurus-leak', { 'Accept-Encoding': 'gzip;q=0' });
    assert.equal(refused.response.headers.get('content-encoding'), null);
  });

  test('a retraction renders again the pages that show the claim, and only those', async () => {
    const { db } = testDb;
    const claim = db.get<{ id: number; partyId: number; version: number }>(
      sql`SELECT id, party_id AS partyId, version FROM claims WHERE state = 'published' ORDER BY id LIMIT 1`,
    )!;
    const cited = new Set(db.all<{ id: number }>(sql`SELECT source_id AS id FROM citations WHERE claim_id = ${claim.id}`).map((r) => r.id));
    const speaker = db.get<{ slug: string }>(sql`SELECT slug FROM parties WHERE id = ${claim.partyId}`)!.slug;
    // A second story that shares nothing with that claim: its own party, source and claim.
    const other = db.$client.transaction(() => {
      const run = (text: string, ...values: unknown[]) => Number(db.$client.prepare(text).run(...values).lastInsertRowid);
      const story = run("INSERT INTO stories (slug, title, summary_md, starts_on) VALUES ('harbour-strike', 'The harbour strike', 'A strike.', '2024-05-01')");
      const party = run("INSERT INTO parties (slug, name, kind) VALUES ('dock-union', 'Dock union', 'organisation')");
      const source = run("INSERT INTO sources (title, publisher, kind) VALUES ('Strike called', 'Harbour Gazette', 'news_report')");
      const made = run(
        "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, published_at) VALUES (?, ?, 'The strike goes ahead.', 'paraphrase', 'factual', '2024-05-02', 'day', 'published', '2024-05-02T10:00:00Z')",
        story,
        party,
      );
      run("INSERT INTO citations (claim_id, source_id, role) VALUES (?, ?, 'reports')", made, source);
      db.$client.prepare('UPDATE publication_state SET generation = generation + 1').run();
      return { claim: made, source };
    })();
    const showing = ['/', `/claims/${claim.id}`, '/stories/taurus-leak', `/parties/${speaker}`, ...[...cited].map((id) => `/sources/${id}`), '/corrections'];
    const notShowing = ['/stories/harbour-strike', `/claims/${other.claim}`, '/parties/dock-union', `/sources/${other.source}`];
    const etags = new Map<string, string>();
    for (const path of [...showing, ...notShowing]) {
      const page = await get(path);
      assert.equal(page.response.status, 200, path);
      etags.set(path, page.response.headers.get('etag')!);
      assert.equal((await get(path)).hit, true, `${path} is kept`);
    }

    const editor = await createUser(db, { email: 'editor@newsroom.test', name: 'Editor', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    retractClaim(db, { id: editor.id, role: 'editor' }, claim.id, claim.version, 'Retracted for the cache test.');

    for (const path of showing) {
      const page = await get(path);
      assert.equal(page.hit, false, `${path} shows the retracted claim: rendered again`);
      assert.notEqual(page.response.headers.get('etag'), etags.get(path), `${path} changed`);
    }
    assert.match((await get(`/claims/${claim.id}`)).body.toString(), /Retracted for the cache test/);
    for (const path of notShowing) {
      const page = await get(path, { 'If-None-Match': etags.get(path)! });
      assert.equal(page.hit, true, `${path} does not show it: still from memory`);
      assert.equal(page.response.status, 304, `${path}: a CDN revalidating gets a 304`);
    }
  });

  test('a publish renders again its story, speaker, source and listing pages, and only those', async () => {
    const { db } = testDb;
    const run = (text: string, ...values: unknown[]) => Number(db.$client.prepare(text).run(...values).lastInsertRowid);
    // The harbour story (made by the test above) gets a second claim, waiting for review.
    const story = db.get<{ id: number }>(sql`SELECT id FROM stories WHERE slug = 'harbour-strike'`)!.id;
    const party = db.get<{ id: number }>(sql`SELECT id FROM parties WHERE slug = 'dock-union'`)!.id;
    const source = db.get<{ id: number }>(sql`SELECT id FROM sources WHERE title = 'Strike called'`)!.id;
    const waiting = run(
      "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (?, ?, 'The strike is over.', 'paraphrase', 'factual', '2024-05-09', 'day', 'in_review')",
      story,
      party,
    );
    run("INSERT INTO citations (claim_id, source_id, role) VALUES (?, ?, 'reports')", waiting, source);
    const taurusClaim = db.get<{ id: number }>(sql`SELECT c.id FROM claims c JOIN stories s ON s.id = c.story_id WHERE s.slug = 'taurus-leak' AND c.state = 'published' ORDER BY c.id DESC LIMIT 1`)!.id;
    const showing = ['/', '/corrections', '/stories/harbour-strike', '/parties/dock-union', `/sources/${source}`, '/api/v1/claims?story=harbour-strike', '/api/v1/stories/harbour-strike'];
    const notShowing = ['/stories/taurus-leak', `/claims/${taurusClaim}`, '/parties/boris-pistorius'];
    const etags = new Map<string, string>();
    for (const path of [...showing, ...notShowing]) {
      etags.set(path, (await get(path)).response.headers.get('etag')!);
      assert.equal((await get(path)).hit, true, `${path} is kept`);
    }
    const editor = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'editor' LIMIT 1`)!;
    const version = db.get<{ version: number }>(sql`SELECT version FROM claims WHERE id = ${waiting}`)!.version;
    const outcome = publishClaim(db, { id: editor.id, role: 'editor' }, waiting, version, { overrideReason: 'Cache test.', correctionNote: '' });
    assert.equal(outcome.kind, 'saved');
    for (const path of showing) assert.equal((await get(path)).hit, false, `${path} shows the new claim: rendered again`);
    assert.match((await get('/stories/harbour-strike')).body.toString(), /The strike is over/);
    assert.match((await get('/api/v1/claims?story=harbour-strike')).body.toString(), /The strike is over/);
    for (const path of notShowing) {
      const page = await get(path, { 'If-None-Match': etags.get(path)! });
      assert.equal(page.hit, true, `${path} does not show it: still from memory`);
      assert.equal(page.response.status, 304, `${path}: 304 after an unrelated publish`);
    }
  });

  test('a correction renders again the corrected claim, its story, speaker, source and listing pages, and only those', async () => {
    const { db } = testDb;
    const claim = db.get<{ id: number }>(sql`SELECT id FROM claims WHERE statement = 'The strike is over.'`)!.id;
    const source = db.get<{ id: number }>(sql`SELECT id FROM sources WHERE title = 'Strike called'`)!.id;
    const taurusClaim = db.get<{ id: number }>(sql`SELECT c.id FROM claims c JOIN stories s ON s.id = c.story_id WHERE s.slug = 'taurus-leak' AND c.state = 'published' ORDER BY c.id DESC LIMIT 1`)!.id;
    const showing = ['/', '/corrections', `/claims/${claim}`, '/stories/harbour-strike', '/parties/dock-union', `/sources/${source}`];
    const notShowing = ['/stories/taurus-leak', `/claims/${taurusClaim}`, '/parties/boris-pistorius'];
    const etags = new Map<string, string>();
    for (const path of [...showing, ...notShowing]) {
      etags.set(path, (await get(path)).response.headers.get('etag')!);
      assert.equal((await get(path)).hit, true, `${path} is kept`);
    }
    const editor = { id: db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'editor' LIMIT 1`)!.id, role: 'editor' as const };
    const { record, meta } = editableRecord(db, claim);
    const form = validateClaimForm(db, { ...recordToForm(record), statement: 'The strike is over, for now.' });
    assert.ok(form.ok);
    const saved = saveClaim(db, editor, claim, meta.version, form.value);
    assert.equal(saved.kind, 'saved');
    const version = db.get<{ version: number }>(sql`SELECT version FROM claims WHERE id = ${claim}`)!.version;
    const outcome = publishClaim(db, editor, claim, version, { overrideReason: 'Cache test.', correctionNote: 'The strike was only suspended.' });
    assert.ok(outcome.kind === 'saved' && outcome.corrected, 'an approved edit with a public correction');
    for (const path of showing) assert.equal((await get(path)).hit, false, `${path} shows the corrected claim: rendered again`);
    assert.match((await get(`/claims/${claim}`)).body.toString(), /for now/);
    for (const path of notShowing) {
      const page = await get(path, { 'If-None-Match': etags.get(path)! });
      assert.equal(page.hit, true, `${path} does not show it: still from memory`);
      assert.equal(page.response.status, 304, `${path}: 304 after an unrelated correction`);
    }
  });

  test('concurrent requests for a page being rendered wait for that one render', async () => {
    const before = lines.length;
    const pages = await Promise.all(Array.from({ length: 6 }, () => app.request('/parties/dmitry-peskov')));
    assert.deepEqual(pages.map((p) => p.status), [200, 200, 200, 200, 200, 200]);
    const logged = lines.slice(before).filter((line) => line.msg === 'request');
    assert.equal(logged.length, 6);
    assert.equal(logged.filter((line) => line.cache !== 'hit').length, 1, 'rendered once');
    assert.equal(new Set(pages.map((p) => p.headers.get('etag'))).size, 1);
  });

  test('a hit runs no SQL: the generation is read when this process bumps it, or once a second', async () => {
    await get('/parties/boris-pistorius');
    const client = testDb.db.$client;
    const prepare = client.prepare;
    const statements: string[] = [];
    client.prepare = ((source: string) => (statements.push(source), prepare.call(client, source))) as typeof client.prepare;
    try {
      for (let i = 0; i < 5; i++) assert.equal((await get('/parties/boris-pistorius')).hit, true);
    } finally {
      client.prepare = prepare;
    }
    assert.deepEqual(statements, []);
  });

  test('a change made where the cache cannot see what it touched empties it, within a second', async () => {
    await get('/parties/boris-pistorius');
    assert.equal((await get('/parties/boris-pistorius')).hit, true);
    // Another process (or a write that names no keys) moved the generation.
    testDb.db.$client.prepare('UPDATE publication_state SET generation = generation + 1').run();
    clock += 500;
    assert.equal((await get('/parties/boris-pistorius')).hit, true, 'not looked for on every hit');
    clock += 600;
    assert.equal((await get('/parties/boris-pistorius')).hit, false);
  });
});
