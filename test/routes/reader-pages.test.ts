/**
 * The readers' pages as a publication (issue 11): the claim page's canonical address, link
 * previews, citation and share links; the home page's latest claims and stories; the source
 * page's furniture and provenance; ratings and quote checks named apart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { bumpPublicationGeneration } from '../../src/db.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

const ORIGIN = 'https://claims.example';
let server: TestServer;
before(async () => {
  server = await startTestServer({ env: { PUBLIC_ORIGIN: ORIGIN } });
});
after(() => server.stop());

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers });
  assert.equal(response.status, 200, path);
  return cheerio.load(await response.text());
}

const claimId = (statement: string) => server.db.$client.prepare('SELECT id FROM claims WHERE statement = ?').pluck().get(statement) as number;

describe('the claim page', () => {
  test('has a canonical address from the configured origin, never the Host header', async () => {
    const id = claimId('This leak could have been just the tip of the iceberg.');
    const $ = await page(`/claims/${id}`, { 'X-Forwarded-Host': 'evil.example' });
    assert.equal($('link[rel=canonical]').attr('href'), `${ORIGIN}/claims/${id}`);
    assert.equal($('meta[property="og:url"]').attr('content'), `${ORIGIN}/claims/${id}`);
    assert.equal($('meta[property="og:type"]').attr('content'), 'article');
    assert.equal($('meta[property="og:title"]').attr('content'), 'August Hanning: “This leak could have been just the tip of the iceberg.”');
    assert.match($('meta[property="og:description"]').attr('content')!, /^August Hanning, reported 5 March 2024, in “The Taurus leak/);
    assert.equal($('meta[name="twitter:card"]').attr('content'), 'summary');
    assert.equal($('meta[name="twitter:title"]').attr('content'), $('meta[property="og:title"]').attr('content'));
    assert.equal($('link[rel=canonical]').length, 1);
  });

  test('offers a citation to copy: speaker, statement, date, venue, source, permalink', async () => {
    const id = claimId('This leak could have been just the tip of the iceberg.');
    const $ = await page(`/claims/${id}`);
    const text = $('textarea#cite-text').text();
    assert.equal($('label[for="cite-text"]').text().trim(), 'Cite this claim');
    assert.ok($('textarea#cite-text').is('[readonly]'));
    assert.equal(
      text,
      `August Hanning: “This leak could have been just the tip of the iceberg.” (reported 5 March 2024, Told Bild). Source: The Independent, 5 March 2024. Claimdesk, claim ${id}: ${ORIGIN}/claims/${id}`,
    );
  });

  test('share links are plain links carrying the permalink; no script but ours', async () => {
    const id = claimId('This leak could have been just the tip of the iceberg.');
    const $ = await page(`/claims/${id}`);
    const links = $('.share-links a').map((_, a) => $(a).attr('href')!).get();
    assert.ok(links.length >= 4);
    for (const href of links) assert.ok(href.includes(encodeURIComponent(`${ORIGIN}/claims/${id}`)), href);
    assert.ok(links.some((href) => href.startsWith('mailto:')));
    assert.deepEqual($('script').map((_, s) => $(s).attr('src')).get().map((src) => /^\/assets\/htmx\.[0-9a-f]+\.js$/.test(src ?? '')), [true]);
    assert.equal($('iframe, img[src^="http"]').length, 0);
  });

  test('names the truth rating and the quote check apart, the rating with its reason', async () => {
    const id = claimId('Our communication systems have not been compromised');
    const $ = await page(`/claims/${id}`);
    assert.match($('.facts .rating').text(), /^Rating: Unverified$/);
    assert.equal($('.facts a.rating-why').attr('href'), '#why-this-rating');
    assert.match($('#why-this-rating').next('.prose').text(), /No independent review of the systems has been published/);
    assert.match($('.quote-check').first().text().replace(/\s+/g, ' '), /^Quote checked against the archived source: exact /);
    // "Verified" nowhere: the rating may say Unverified; the quote check says checked.
    assert.doesNotMatch($('main').text(), /\bverified\b/i);
  });

  test('on list pages every rating links to its reason', async () => {
    for (const path of ['/parties/boris-pistorius', '/stories/taurus-leak/questions/german-systems-compromised']) {
      const $ = await page(path);
      const ratings = $('.rating-line');
      assert.ok(ratings.length > 0, path);
      ratings.each((_, line) => assert.match($(line).find('a.rating-why').attr('href') ?? '', /^\/claims\/\d+#why-this-rating$/, path));
    }
  });
});

describe('the source page', () => {
  test('folds page furniture under <details> and states where the text came from', async () => {
    const $ = await page('/sources/1');
    const folded = $('.archived-text details.furniture-run');
    assert.ok(folded.length >= 1);
    assert.match(folded.first().find('summary').text(), /^Page furniture set aside: 4 paragraphs \(donation appeal\)/);
    assert.match(folded.first().text(), /Your support helps us to tell the story/);
    // Every paragraph outside a fold has real text in it.
    $('.archived-text > p').each((_, p) => assert.ok($(p).contents().filter((_, n) => !$(n).is('.furniture')).text().trim().length > 0));
    const provenance = $('#archive-heading').nextAll('p.meta').first().text();
    assert.match(provenance, /^Loaded from the article as published on 5 March 2024 \(a copy kept with Claimdesk\), added to this database on /);
    assert.doesNotMatch(provenance, /Captured/);
  });
});

describe('the home page', () => {
  test('lists the latest claims by publication time, at most two per speaker', async () => {
    const sql = server.db.$client;
    // The fixture publishes every claim at once; say Peskov's was published last.
    const peskov = claimId('The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.');
    sql.prepare("UPDATE claims SET published_at = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(peskov);
    bumpPublicationGeneration(server.db);
    const $ = await page('/');
    const latest = $('.latest-claims li[data-claim]');
    assert.equal(latest.length, 10);
    assert.equal(latest.first().attr('data-claim'), String(peskov));
    const speakers = latest.map((_, li) => $(li).find('a[href^="/parties/"]').first().attr('href')).get();
    for (const speaker of new Set(speakers)) assert.ok(speakers.filter((s) => s === speaker).length <= 2, `${speaker} appears more than twice`);
    assert.ok(new Set(speakers).size >= 5);
  });

  test('shows each story with its contested questions at a glance', async () => {
    const $ = await page('/');
    const card = $('.story-card').first();
    assert.match(card.find('.glance').text(), /Contested 2 of 7 questions/);
    assert.deepEqual(
      card.find('.contested-list a').map((_, a) => $(a).attr('href')).get(),
      ['/stories/taurus-leak/questions/leak-proves-western-involvement', '/stories/taurus-leak/questions/officers-should-be-punished'],
    );
  });

  test('orders the stories by their latest publication', async () => {
    const sql = server.db.$client;
    sql.prepare("INSERT INTO stories (slug, title, summary_md, starts_on) VALUES ('older-story', 'An older story', 'x', '2030-01-01')").run();
    const story = sql.prepare("SELECT id FROM stories WHERE slug = 'older-story'").pluck().get() as number;
    // It starts later, but its only claim was published before any of the Taurus leak's.
    sql.prepare(`INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, published_at)
      VALUES (?, 1, 'An old word.', 'paraphrase', 'factual', '2030-01-02', 'day', 'published', '2000-01-01T00:00:00.000Z')`).run(story);
    bumpPublicationGeneration(server.db);
    const $ = await page('/');
    assert.deepEqual($('.story-card h2 a').map((_, a) => $(a).attr('href')).get(), ['/stories/taurus-leak', '/stories/older-story']);
  });
});
