/**
 * The open formats over real HTTP: Atom feeds (well-formed, the required elements, stable ids,
 * `updated` moving on a correction, bounded, absolute URLs from the configured origin, linked
 * from each page's head), ClaimReview JSON-LD on rated claim pages, and the oEmbed endpoint.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { Parser } from 'htmlparser2';
import { FEED_ENTRIES } from '../../src/feeds/claims-feed.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

const ORIGIN = 'https://claims.example.org';
let server: TestServer;
before(async () => {
  server = await startTestServer({ env: { PUBLIC_ORIGIN: ORIGIN, PUBLISHER_NAME: 'The Example Times', PUBLISHER_URL: 'https://times.example.org/' } });
});
after(() => server.stop());

const sql = () => server.db.$client;

/** Well-formed XML: every element closed in order, one root, no stray text outside it (a small strict check). */
function assertWellFormed(xml: string) {
  const stack: string[] = [];
  let roots = 0;
  let error: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        if (stack.length === 0) roots++;
        stack.push(name);
      },
      onclosetag(name) {
        if (stack.pop() !== name) error ??= `</${name}> closes the wrong element`;
      },
      ontext(text) {
        if (stack.length === 0 && text.trim()) error ??= `text outside the root: ${text.slice(0, 40)}`;
      },
    },
    { xmlMode: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  assert.equal(error, null);
  assert.equal(stack.length, 0, 'every element closed');
  assert.equal(roots, 1, 'one root element');
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>/);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no character XML 1.0 forbids');
}

async function feed(path: string) {
  const response = await fetch(`${server.url}${path}`);
  assert.equal(response.status, 200, path);
  assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/);
  const xml = await response.text();
  assertWellFormed(xml);
  const $ = cheerio.load(xml, { xml: true });
  // RFC 4287: a feed has id, title, updated, an author (or every entry does), a self link.
  assert.equal($('feed').attr('xmlns'), 'http://www.w3.org/2005/Atom');
  for (const name of ['id', 'title', 'updated']) assert.equal($(`feed > ${name}`).length, 1, `feed > ${name}`);
  assert.equal($('feed > author > name').text(), 'The Example Times');
  assert.equal($('feed > link[rel="self"]').attr('href'), `${ORIGIN}${path}`);
  $('entry').each((_, entry) => {
    for (const name of ['id', 'title', 'updated']) assert.equal($(entry).children(name).length, 1, `entry > ${name}`);
    assert.match($(entry).children('updated').text(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.ok($(entry).children('link').attr('href')!.startsWith(`${ORIGIN}/claims/`), 'absolute, from the configured origin');
  });
  const ids = $('entry > id').map((_, el) => $(el).text()).get();
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  return $;
}

test('/feed.atom, per story and per party: valid Atom of the published claims, and 404 for unknown ones', async () => {
  const all = await feed('/feed.atom');
  const published = sql().prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get() as number;
  assert.equal(all('entry').length, Math.min(published, FEED_ENTRIES));
  assert.equal(all('entry > id').first().text().startsWith(`${ORIGIN}/claims/`), true);
  const story = await feed('/stories/taurus-leak/feed.atom');
  assert.ok(story('entry').length > 0);
  const party = await feed('/parties/boris-pistorius/feed.atom');
  const byParty = sql().prepare("SELECT count(*) FROM claims c JOIN parties p ON p.id = c.party_id WHERE p.slug = 'boris-pistorius' AND c.state = 'published'").pluck().get() as number;
  assert.equal(party('entry').length, Math.min(byParty, FEED_ENTRIES));
  await feed('/corrections.atom');
  assert.equal((await fetch(`${server.url}/parties/no-such-party/feed.atom`)).status, 404);
  assert.equal((await fetch(`${server.url}/stories/no-such-story/feed.atom`)).status, 404);
  assert.equal((await fetch(`${server.url}/stories/Bad_Slug/feed.atom`)).status, 404);
});

test('a draft is never in a feed; hostile text is escaped; an entry keeps its id and its updated moves on a correction', async () => {
  const insert = sql().prepare(
    "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, published_at) VALUES (1, 1, ?, 'paraphrase', 'factual', '2024-03-09', 'day', ?, ?) RETURNING id",
  );
  const draft = insert.pluck().get('Draft: not for readers.', 'draft', null) as number;
  const hostile = insert.pluck().get('Said ]]> twice ]]> and <script>alert(1)</script> & \u0001 more', 'published', '2030-01-01T00:00:00.000Z') as number;
  // The cached feed is dropped only by a publication; a raw SQL write must say so itself.
  sql().prepare('UPDATE publication_state SET generation = generation + 1').run();
  let $ = await feed('/feed.atom');
  assert.equal($(`entry > id:contains("/claims/${draft}")`).length, 0);
  const entry = $('entry').first();
  assert.equal(entry.children('id').text(), `${ORIGIN}/claims/${hostile}`, 'newest first');
  const title = cheerio.load(entry.children('title').text());
  assert.equal(title('script').length, 0);
  assert.match(title.root().text(), /Said \]\]> twice \]\]> and <script>alert\(1\)<\/script> & {2}more/);
  assert.equal(entry.children('updated').text(), '2030-01-01T00:00:00.000Z');

  const editor = sql().prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('ed-feed@newsroom.test', 'Ed', 'editor', 'x') RETURNING id").pluck().get() as number;
  const revision = sql().prepare('SELECT id FROM revisions LIMIT 1').pluck().get() as number;
  sql().prepare("INSERT INTO corrections (claim_id, revision_id, note, editor_id, created_at) VALUES (?, ?, 'Fixed the date.', ?, '2030-02-02T00:00:00.000Z')").run(hostile, revision, editor);
  sql().prepare('UPDATE publication_state SET generation = generation + 1').run();
  $ = await feed('/feed.atom');
  const corrected = $('entry').first();
  assert.equal(corrected.children('id').text(), `${ORIGIN}/claims/${hostile}`, 'the same id');
  assert.equal(corrected.children('updated').text(), '2030-02-02T00:00:00.000Z', 'updated is the correction');
  assert.equal(corrected.children('published').text(), '2030-01-01T00:00:00.000Z');
  assert.equal($('feed > updated').text(), '2030-02-02T00:00:00.000Z');
});

test('every public page links the site feed in its head; story, party and corrections pages their own', async () => {
  const client = server.client();
  const links = async (path: string) => {
    const page = await client.get(path);
    assert.equal(page.status, 200, path);
    return page.$('head link[rel="alternate"][type="application/atom+xml"]').map((_, el) => page.$(el).attr('href')).get();
  };
  for (const path of ['/', '/claims/1', '/sources/1', '/search', '/stories/taurus-leak/timeline']) assert.ok((await links(path)).includes('/feed.atom'), path);
  assert.ok((await links('/stories/taurus-leak')).includes('/stories/taurus-leak/feed.atom'));
  assert.ok((await links('/parties/boris-pistorius')).includes('/parties/boris-pistorius/feed.atom'));
  assert.ok((await links('/corrections')).includes('/corrections.atom'));
});

function jsonLd(page: { $: cheerio.CheerioAPI }) {
  return page.$('head script[type="application/ld+json"]').map((_, el) => JSON.parse(page.$(el).html()!)).get() as Record<string, any>[];
}

test('a rated claim page carries ClaimReview JSON-LD of the documented shape', async () => {
  sql().prepare("UPDATE claims SET rating = 'false' WHERE id = 1").run();
  sql().prepare('UPDATE publication_state SET generation = generation + 1').run();
  const page = await server.client().get('/claims/1');
  const [review, ...rest] = jsonLd(page);
  assert.equal(rest.length, 0);
  const statement = sql().prepare('SELECT statement FROM claims WHERE id = 1').pluck().get();
  assert.equal(review!['@context'], 'https://schema.org');
  assert.equal(review!['@type'], 'ClaimReview');
  assert.equal(review!.url, `${ORIGIN}/claims/1`);
  assert.equal(review!.claimReviewed, statement);
  assert.match(review!.datePublished, /^\d{4}-\d\d-\d\d$/);
  assert.deepEqual(review!.author, { '@type': 'Organization', name: 'The Example Times', url: 'https://times.example.org/' });
  assert.deepEqual(review!.reviewRating, { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' });
  const item = review!.itemReviewed;
  assert.equal(item['@type'], 'Claim');
  assert.equal(item.author['@type'], 'Person');
  assert.equal(item.author.name, 'Boris Pistorius');
  assert.equal(item.author.jobTitle, 'Germany’s defence minister', 'the role held on the day');
  assert.equal(item.datePublished, '2024-03-05');
  assert.equal(item.inLanguage, 'de', 'issue 14: said in German');
  assert.equal(item.text, undefined, 'no original words the newsroom does not hold');
  assert.ok(Array.isArray(item.appearance) && item.appearance.length >= 1);
  for (const work of item.appearance) {
    assert.equal(work['@type'], 'CreativeWork');
    assert.match(work.url, /^https?:\/\//);
  }
  assert.equal(item.firstAppearance['@type'], 'CreativeWork');
  assert.ok(item.appearance.some((w: { url: string }) => w.url === item.firstAppearance.url));
});

test('a claim rated "not applicable" carries no ClaimReview; markup in a statement cannot leave the JSON', async () => {
  sql().prepare("UPDATE claims SET rating = 'not_applicable' WHERE id = 2").run();
  sql().prepare("UPDATE claims SET rating = 'disputed', statement = 'He said </script><script>alert(1)</script> & left' WHERE id = 3").run();
  sql().prepare('UPDATE publication_state SET generation = generation + 1').run();
  assert.deepEqual(jsonLd(await server.client().get('/claims/2')), []);
  const page = await server.client().get('/claims/3');
  assert.equal(page.$('script:not([src]):not([type="application/ld+json"])').length, 0);
  const [review] = jsonLd(page);
  assert.equal(review!.claimReviewed, 'He said </script><script>alert(1)</script> & left');
  assert.equal(review!.reviewRating.ratingValue, 2);
  assert.equal(review!.itemReviewed.author['@type'], 'Person');
});

test('oEmbed: a rich, script-free blockquote for a claim URL; JSON errors for foreign, bad and unknown URLs', async () => {
  const page = await server.client().get('/claims/1');
  const discovery = page.$('head link[rel="alternate"][type="application/json+oembed"]').attr('href')!;
  assert.equal(discovery, `${ORIGIN}/oembed?url=${encodeURIComponent(`${ORIGIN}/claims/1`)}&format=json`);
  const response = await fetch(`${server.url}${discovery.slice(ORIGIN.length)}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const embed = (await response.json()) as Record<string, any>;
  assert.equal(embed.version, '1.0');
  assert.equal(embed.type, 'rich');
  assert.equal(embed.provider_name, 'The Example Times');
  assert.equal(typeof embed.width, 'number');
  assert.equal(typeof embed.height, 'number');
  const $ = cheerio.load(embed.html, null, false);
  assert.equal($.root().children().length, 1);
  assert.equal($.root().children().first().prop('tagName'), 'BLOCKQUOTE');
  assert.equal($('script, style, iframe, [style], [onerror], [onclick]').length, 0);
  assert.equal($('a').attr('href'), `${ORIGIN}/claims/1`);
  assert.match($('footer').text(), /Boris Pistorius/);
  assert.equal($('time').attr('datetime'), '2024-03-05');

  // Hostile text is escaped in the embed.
  const hostile = await (await fetch(`${server.url}/oembed?url=${encodeURIComponent(`${ORIGIN}/claims/3`)}`)).json() as { html: string };
  assert.equal(cheerio.load(hostile.html, null, false)('script').length, 0);
  assert.match(cheerio.load(hostile.html, null, false)('p').text(), /<\/script><script>alert\(1\)<\/script>/);

  const error = async (query: string, status: number, code: string) => {
    const r = await fetch(`${server.url}/oembed${query}`);
    assert.equal(r.status, status, query);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await r.json()) as { status: number; code: string; message: string };
    assert.equal(body.status, status);
    assert.equal(body.code, code);
    assert.ok(body.message.length > 0);
  };
  await error('', 400, 'url_missing');
  await error(`?url=${encodeURIComponent('https://elsewhere.example/claims/1')}`, 404, 'not_a_claim');
  await error(`?url=${encodeURIComponent(`${ORIGIN}/parties/boris-pistorius`)}`, 404, 'not_a_claim');
  await error('?url=%E0%A4%A', 404, 'not_a_claim');
  await error('?url=not%20a%20url', 404, 'not_a_claim');
  await error(`?url=${encodeURIComponent(`${ORIGIN}/claims/999999`)}`, 404, 'claim_not_found');
  await error(`?url=${encodeURIComponent(`${ORIGIN}/claims/1`)}&format=xml`, 501, 'format_not_implemented');
  await error(`?url=${encodeURIComponent(`${ORIGIN}/claims/1`)}&format=%3Cb%3E`, 400, 'format_invalid');
  await error(`?url=${'x'.repeat(3000)}`, 400, 'url_invalid');
  const draft = sql().prepare("SELECT id FROM claims WHERE state = 'draft' LIMIT 1").pluck().get() as number | undefined;
  if (draft) await error(`?url=${encodeURIComponent(`${ORIGIN}/claims/${draft}`)}`, 404, 'claim_not_found');
});
