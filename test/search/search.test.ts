/**
 * Search over real HTTP on the fixture story: ranking, highlighting, filters, pagination, hostile
 * queries, what readers may and may not find, the index following every kind of write, and the
 * desk's wider search.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseQuery } from '../../src/search/query.js';
import { search } from '../../src/search/search.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const sql = () => server.db.$client;
const hits = (page: { $: import('cheerio').CheerioAPI }) =>
  page.$('#search-results li.search-hit').map((_, el) => `${page.$(el).attr('data-kind')}:${page.$(el).attr('data-id')}`).get();

/** A claim written as the desk would leave it, straight into the tables (the triggers index it). */
function insertClaim(fields: { statement: string; state?: string; partyId?: number; saidOn?: string; venue?: string; rating?: string; explanation?: string }): number {
  return sql()
    .prepare(
      `INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, venue, rating, rating_explanation_md)
       VALUES (1, ?, ?, 'paraphrase', 'factual', ?, 'day', ?, ?, ?, ?) RETURNING id`,
    )
    .pluck()
    .get(fields.partyId ?? 1, fields.statement, fields.saidOn ?? '2024-03-05', fields.state ?? 'published', fields.venue ?? '', fields.rating ?? 'unverified', fields.explanation ?? '') as number;
}

test('an empty search is a helpful page, with a search box and examples, and the header links to it', async () => {
  const page = await server.client().get('/search');
  assert.equal(page.status, 200);
  assert.equal(page.$('form[role="search"][method="get"][action="/search"] input[name="q"]').length, 1);
  assert.ok(page.$('#search-results code').length >= 3, 'examples of the syntax');
  assert.equal(page.$('.site-header a[href="/search"]').length, 1);
  const home = await server.client().get('/');
  assert.equal(home.$('.site-header a[href="/search"]').length, 1);
});

test('hostile and odd queries never fail: each answers 200 with the page', async () => {
  const queries = ['"', '""', '*', '-', '--', 'NEAR(', 'NEAR(leak spy', 'AND', 'OR', 'NOT', 'leak AND', 'AND leak', 'leak OR', '-leak', 'leak -',
    '(leak', 'leak)', 'title:leak', '{title}: leak', '^leak', 'leak*', 'l*', '**', "o'neill", '"unclosed phrase', '“curly”', '\u0000leak', 'x'.repeat(1000),
    'leak '.repeat(200), '<script>alert(1)</script>', '%', '\\', 'rowid:1', 'NEAR("a" "b", 2)', ')(*&^%$#@!', 'ﷺ', '🦊 leak'];
  for (const q of queries) {
    const page = await server.client().get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(page.status, 200, `${JSON.stringify(q)} answered ${page.status}`);
    assert.equal(page.$('#search-results').length, 1, JSON.stringify(q));
    assert.equal(page.$('script:not([src])').length, 0, 'nothing the reader typed becomes a script');
  }
  const long = await server.client().get(`/search?q=${encodeURIComponent('leak '.repeat(200))}`);
  assert.match(long.$('#search-results .notice').text(), /first 200 characters/);
});

test('the sanitiser keeps phrases, OR, exclusions and prefixes, and quotes everything else', () => {
  assert.equal(parseQuery('no spy').match, '"no" AND "spy"');
  assert.equal(parseQuery('"no spy"').match, '"no spy"');
  assert.equal(parseQuery('missile OR taurus').match, '("missile" OR "taurus")');
  assert.equal(parseQuery('leak -kremlin').match, '("leak") NOT "kremlin"');
  assert.equal(parseQuery('intercept*').match, '"intercept"*');
  assert.equal(parseQuery('in*').match, '"in"', 'a prefix shorter than three letters is a word');
  assert.equal(parseQuery('NEAR(leak').match, '"NEAR leak"');
  assert.equal(parseQuery('-kremlin').match, null, 'nothing to take the exclusion from');
  assert.equal(parseQuery('   ').match, null);
  assert.equal(parseQuery('"unclosed phrase').match, '"unclosed phrase"');
  assert.ok(parseQuery('a '.repeat(500)).match!.split('AND').length <= 12);
});

test('a statement match ranks above a match in the notes only, and matched words are marked', async () => {
  const inNotes = insertClaim({ statement: 'An unrelated sentence about budgets.', explanation: 'Mentions the zeppelin once.' });
  const inStatement = insertClaim({ statement: 'The zeppelin was seen over the base.' });
  const page = await server.client().get('/search?q=zeppelin');
  assert.deepEqual(hits(page), [`claim:${inStatement}`, `claim:${inNotes}`]);
  const first = page.$('#search-results li.search-hit').first();
  assert.equal(first.find('mark').first().text(), 'zeppelin');
  assert.match(page.$('#search-results li.search-hit').eq(1).find('.search-snippet mark').text(), /zeppelin/);
  // Stemming: the plural finds the singular.
  assert.deepEqual(hits(await server.client().get('/search?q=zeppelins')).sort(), [`claim:${inStatement}`, `claim:${inNotes}`].sort());
});

test('highlighting escapes what the data holds: markup in a statement is text, never HTML', async () => {
  const id = insertClaim({ statement: 'He wrote <img src=x onerror=alert(1)> and <b>quokka</b> & more' });
  const page = await server.client().get('/search?q=quokka');
  const hit = page.$(`li[data-id="${id}"]`);
  assert.equal(hit.find('img').length, 0);
  assert.equal(hit.find('b').length, 0);
  assert.equal(hit.find('mark').text(), 'quokka');
  assert.match(hit.text(), /<img src=x onerror=alert\(1\)>/);
  assert.ok(page.body.includes('&lt;img src=x'), 'escaped in the HTML');
});

test('readers never find drafts, claims in review or retracted claims; the desk finds them all', async () => {
  const draft = insertClaim({ statement: 'A desk-only draft about the wombat.', state: 'draft' });
  const review = insertClaim({ statement: 'A wombat claim waiting for review.', state: 'in_review' });
  const published = insertClaim({ statement: 'The wombat claim readers may see.' });
  assert.deepEqual(hits(await server.client().get('/search?q=wombat')), [`claim:${published}`]);
  assert.equal((await server.client().get('/desk/search?q=wombat')).status, 303, 'the desk search needs a sign-in');
  const journalist = await server.signIn('journalist');
  const desk = await journalist.get('/desk/search?q=wombat');
  assert.equal(desk.status, 200);
  assert.deepEqual(hits(desk).sort(), [`claim:${draft}`, `claim:${review}`, `claim:${published}`].sort());
  assert.equal(desk.$(`li[data-id="${draft}"] a`).attr('href'), `/desk/claims/${draft}`);
  assert.equal(desk.$('.site-header a[href="/desk/search"]').length, 1);

  // A party only a draft speaks for is not found by readers either.
  const hidden = sql().prepare("INSERT INTO parties (slug, name, kind) VALUES ('numbat-office', 'Numbat Office', 'office') RETURNING id").pluck().get() as number;
  const words = insertClaim({ statement: 'Draft words.', state: 'draft', partyId: hidden });
  assert.deepEqual(hits(await server.client().get('/search?q=numbat')), []);
  assert.deepEqual(hits(await journalist.get('/desk/search?q=numbat')).sort(), [`claim:${words}`, `party:${hidden}`].sort());
});

test('the index follows publish, retract, correction, party rename and source retitle', async () => {
  const id = insertClaim({ statement: 'The platypus was never briefed.', state: 'in_review' });
  assert.deepEqual(hits(await server.client().get('/search?q=platypus')), []);
  const editor = await server.signIn('editor');
  const version = () => String(sql().prepare('SELECT version FROM claims WHERE id = ?').pluck().get(id));
  const published = await editor.post(`/desk/review/${id}/publish`, { version: version(), override_reason: 'Test: no sources needed here.' });
  assert.equal(published.status, 303, published.body.slice(0, 400));
  assert.deepEqual(hits(await server.client().get('/search?q=platypus')), [`claim:${id}`]);

  // A correction rewrites the published statement: the new words are found, the old ones not.
  sql().prepare("UPDATE claims SET statement = 'The echidna was never briefed.' WHERE id = ?").run(id);
  assert.deepEqual(hits(await server.client().get('/search?q=platypus')), []);
  assert.deepEqual(hits(await server.client().get('/search?q=echidna')), [`claim:${id}`]);

  const retracted = await editor.post(`/desk/review/${id}/retract`, { version: version(), retraction_note: 'Withdrawn for the test.' });
  assert.equal(retracted.status, 303, retracted.body.slice(0, 400));
  assert.deepEqual(hits(await server.client().get('/search?q=echidna')), []);

  // Party 2 (Dmitry Peskov) renamed: its claims are found under the new name as their speaker.
  sql().prepare("UPDATE parties SET name = 'Kookaburra Spokesman' WHERE id = 2").run();
  const renamed = hits(await server.client().get('/search?q=kookaburra'));
  assert.ok(renamed.includes('party:2'));
  assert.ok(renamed.some((h) => h.startsWith('claim:')), 'the claims carry the new name');
  assert.deepEqual(hits(await server.client().get('/search?q=dmitry&kind=party')), [], 'the old name is gone (the aliases stay)');

  sql().prepare("UPDATE sources SET title = 'The dingo report' WHERE id = 1").run();
  assert.deepEqual(hits(await server.client().get('/search?q=dingo')), ['source:1']);
});

test('filters: kind, story, party, question, position, rating, source kind and date range', async () => {
  const all = hits(await server.client().get('/search?q=leak'));
  assert.ok(all.some((h) => h.startsWith('question:')) && all.some((h) => h.startsWith('claim:')));
  const onlyClaims = hits(await server.client().get('/search?q=leak&kind=claim'));
  assert.ok(onlyClaims.length > 0 && onlyClaims.every((h) => h.startsWith('claim:')));

  const claimsOf = (where: string, ...params: unknown[]) =>
    new Set((sql().prepare(`SELECT 'claim:' || id FROM claims c WHERE state = 'published' AND ${where}`).pluck().all(...params) as string[]));
  const check = async (query: string, expected: Set<string>) => {
    const found = hits(await server.client().get(`/search?q=leak&kind=claim&${query}`));
    const leakClaims = new Set(onlyClaims);
    assert.deepEqual(new Set(found), new Set([...expected].filter((h) => leakClaims.has(h))), query);
    return found;
  };
  const party = sql().prepare('SELECT slug FROM parties WHERE id = 6').pluck().get() as string;
  assert.ok((await check(`party=${party}`, claimsOf('party_id = 6'))).length > 0);
  await check('story=taurus-leak', claimsOf('story_id = 1'));
  await check('rating=confirmed', claimsOf("rating = 'confirmed'"));
  await check('position=asserts', claimsOf("EXISTS (SELECT 1 FROM stances s WHERE s.claim_id = c.id AND s.position = 'asserts')"));
  await check('question=4', claimsOf('EXISTS (SELECT 1 FROM stances s WHERE s.claim_id = c.id AND s.question_id = 4)'));
  await check('source_kind=news_report', claimsOf("EXISTS (SELECT 1 FROM citations ci JOIN sources so ON so.id = ci.source_id WHERE ci.claim_id = c.id AND so.kind = 'news_report')"));
  await check('from=2024-03-05&to=2024-03-05', claimsOf("said_on = '2024-03-05'"));
  await check('from=2024-03-06', claimsOf("said_on >= '2024-03-06'"));
  await check('from=2024-03-06&to=2024-03-01', new Set());

  // A question filter shows that question too; a party filter that party.
  assert.ok(hits(await server.client().get('/search?q=leak&question=4')).every((h) => !h.startsWith('question:') || h === 'question:4'));
  // Filter values we do not know are left out and said so, not an error.
  const odd = await server.client().get('/search?q=leak&rating=bogus&story=no-such-story&from=yesterday&kind=%3Cb%3E');
  assert.equal(odd.status, 200);
  assert.match(odd.$('#search-results .notice').text(), /rating: bogus/);
  assert.equal(hits(odd).length, all.length);
});

test('pagination: 20 a page, every result once, a page past the end is a 404', async () => {
  for (let i = 0; i < 45; i++) insertClaim({ statement: `Capybara sighting number ${i}.` });
  const seen: string[] = [];
  for (let page = 1; page <= 3; page++) {
    const result = await server.client().get(`/search?q=capybara${page > 1 ? `&page=${page}` : ''}`);
    assert.equal(result.status, 200);
    seen.push(...hits(result));
    if (page === 1) {
      assert.match(result.$('.search-count').text(), /^45 results/);
      assert.equal(result.$('.pager a[rel="next"]').attr('href'), '/search?q=capybara&page=2');
    }
  }
  assert.equal(seen.length, 45);
  assert.equal(new Set(seen).size, 45);
  assert.equal((await server.client().get('/search?q=capybara&page=4')).status, 404);
  assert.equal((await server.client().get('/search?q=capybara&page=zero')).status, 404);
});

test('htmx gets the results region alone, and the form asks for it as the reader types', async () => {
  const page = await server.client().get('/search?q=spy');
  const form = page.$('form.search-form');
  assert.equal(form.attr('data-hx-get'), '/search');
  assert.equal(form.attr('data-hx-push-url'), 'true');
  assert.match(form.attr('data-hx-trigger') ?? '', /input delay:\d+ms/);
  assert.equal(form.attr('data-hx-target'), '#search-results');
  const fragment = await server.client().get('/search?q=spy', { 'HX-Request': 'true' });
  assert.equal(fragment.status, 200);
  assert.match(fragment.body, /^<section id="search-results"/);
  assert.doesNotMatch(fragment.body, /<html|<header/);
  assert.match(fragment.headers.get('vary') ?? '', /HX-Request/);
  const sent = await server.client().get('/search?q=no+spy&kind=&story=&rating=&from=', { 'HX-Request': 'true' });
  assert.equal(sent.headers.get('hx-push-url'), '/search?q=no+spy', 'the address pushed is the canonical one, without the empty filters');
});

test('the cap: a word in more rows than the cap answers with the newest capped matches, ranked', () => {
  const statement = sql().prepare("INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (1, 1, ?, 'paraphrase', 'factual', '2024-03-05', 'day', 'published')");
  server.db.$client.transaction(() => {
    for (let i = 0; i < 1010; i++) statement.run(`Marmot number ${i}`);
  })();
  const results = search(server.db, parseQuery('marmot').match!, {}, { audience: 'public' });
  assert.equal(results.total, 1000);
  assert.equal(results.capped, true);
  assert.equal(results.hits.length, 20);
});
