/**
 * The readers' pages over real HTTP on a real SQLite file: what each page shows, the narrative
 * matrix parsed from the HTML, the filter with and without htmx, 404s, and that unpublished work
 * never reaches any public page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { createApp } from '../../src/app.js';
import { bumpPublicationGeneration } from '../../src/db.js';
import { makeTestDb, startTestServer, testConfig, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, { headers, redirect: 'manual' });
  const body = await response.text();
  return { response, body, $: cheerio.load(body) };
}

/** The matrix as data: question slug → party slug → positions, read from the HTML. */
function readMatrix($: cheerio.CheerioAPI) {
  const parties = $('table.matrix thead th[data-party]')
    .map((_, th) => $(th).attr('data-party'))
    .get();
  const rows = new Map<string, Map<string, string[]>>();
  $('table.matrix tbody tr[data-question]').each((_, tr) => {
    const cells = new Map<string, string[]>();
    $(tr)
      .find('td[data-party]')
      .each((_, td) => {
        cells.set(
          $(td).attr('data-party')!,
          $(td)
            .find('li[data-position]')
            .map((_, li) => $(li).attr('data-position'))
            .get(),
        );
      });
    rows.set($(tr).attr('data-question')!, cells);
  });
  return { parties, rows };
}

/** Every internal page reachable from `/`, with its body. */
async function crawl(limit = 400): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = ['/'];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const { response, body, $ } = await get(path);
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    seen.set(path, body);
    $('a[href^="/"]').each((_, a) => {
      const href = $(a).attr('href')!.split('#')[0]!;
      if (!seen.has(href) && !href.startsWith('/assets/')) queue.push(href);
    });
  }
  return seen;
}

describe('home page', () => {
  test('lists the story with its parties and latest claims', async () => {
    const { response, $ } = await get('/');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal($('a[href="/stories/taurus-leak"]').length > 0, true);
    const partyLinks = $('.story-card a[href^="/parties/"]').map((_, a) => $(a).attr('href')).get();
    assert.ok(partyLinks.includes('/parties/boris-pistorius'));
    assert.ok(partyLinks.includes('/parties/rt-editor'), 'the cast includes RT’s editor');
    assert.equal($('.latest-claims .claim-list li').length, 10);
    assert.equal($('html').attr('lang'), 'en-GB');
    assert.equal($('main#main').length, 1);
  });
});

describe('the narrative matrix', () => {
  test('has the questions as rows and the speaking parties as columns', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const matrix = readMatrix($);
    assert.deepEqual(new Set(matrix.parties), new Set([
      'boris-pistorius',
      'dmitry-peskov',
      'downing-street',
      'tobias-ellwood',
      'august-hanning',
      'richard-dannatt',
      'ingo-gerhartz',
    ]));
    assert.deepEqual([...matrix.rows.keys()], [
      'how-the-call-was-intercepted',
      'german-systems-compromised',
      'british-personnel-on-the-ground',
      'leak-proves-western-involvement',
      'officers-should-be-punished',
      'more-secrets-exposed',
      'allied-trust-damaged',
    ]);
  });

  test('shows each party’s stances where the article puts them', async () => {
    const { rows } = readMatrix((await get('/stories/taurus-leak')).$);
    const cell = (q: string, p: string) => rows.get(q)?.get(p)?.slice().sort();
    assert.deepEqual(cell('british-personnel-on-the-ground', 'ingo-gerhartz'), ['asserts']);
    // A compact cell shows the party's latest entry and links to the rest on the question page.
    assert.deepEqual(cell('british-personnel-on-the-ground', 'downing-street'), ['qualifies']);
    assert.deepEqual(cell('british-personnel-on-the-ground', 'richard-dannatt'), ['declines']);
    assert.deepEqual(cell('leak-proves-western-involvement', 'dmitry-peskov'), ['asserts']);
    // Downing Street's statements on missiles and aid take no position on it (issue 11).
    assert.deepEqual(cell('leak-proves-western-involvement', 'downing-street'), ['denies']);
    assert.deepEqual(cell('officers-should-be-punished', 'richard-dannatt'), ['asserts']);
    assert.deepEqual(cell('officers-should-be-punished', 'boris-pistorius'), ['denies']);
    assert.deepEqual(cell('german-systems-compromised', 'dmitry-peskov'), []);
    // Pistorius's "not compromised" is about the systems, not a denial that more was exposed.
    assert.deepEqual(cell('more-secrets-exposed', 'boris-pistorius'), []);
  });

  test('a full cell says how many more there are and links to them on the question page', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const more = $('tr[data-question="british-personnel-on-the-ground"] td[data-party="downing-street"] a.more-entries');
    assert.match(more.text(), /^\+ 1 more/);
    const page = await get(more.attr('href')!);
    assert.equal(page.response.status, 200);
    const positions = page.$('li[data-position]').map((_, li) => page.$(li).attr('data-position')).get().sort();
    assert.deepEqual(positions, ['declines', 'qualifies']);
    assert.deepEqual(page.$('section[data-party]').map((_, s) => page.$(s).attr('data-party')).get(), ['downing-street']);
  });

  test('each cell entry carries the excerpt, the date and a link to the claim', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const entry = $('tr[data-question="british-personnel-on-the-ground"] td[data-party="ingo-gerhartz"] li').first();
    assert.match(entry.find('.statement').text(), /^I know how the English do it/);
    assert.equal(entry.find('time').attr('datetime'), '2024-02-20');
    assert.match(entry.find('time').text(), /about 20 February 2024/);
    const href = entry.find('a[href^="/claims/"]').attr('href')!;
    const claim = await get(href);
    assert.equal(claim.response.status, 200);
    assert.match(claim.$('.claim-statement').text(), /a few people on the ground/);
  });

  test('says per question where the parties agree and where they conflict', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const verdict = (q: string) => $(`.comparisons .comparison[data-question="${q}"]`).attr('data-verdict');
    const summary = (q: string) => $(`.comparisons .comparison[data-question="${q}"] .comparison-summary`).text();
    assert.equal(verdict('leak-proves-western-involvement'), 'contested');
    assert.match(summary('leak-proves-western-involvement'), /Dmitry Peskov asserts it/);
    assert.match(summary('leak-proves-western-involvement'), /Downing Street denies it/);
    assert.equal(verdict('officers-should-be-punished'), 'contested');
    assert.match(summary('officers-should-be-punished'), /Richard Dannatt asserts it; Boris Pistorius denies it/);
    assert.equal(verdict('british-personnel-on-the-ground'), 'disputed-by-none');
  });

  test('shows the latest claims on its timeline, newest first, and links to the whole timeline', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const dates = $('.timeline li[data-claim]').map((_, el) => $(el).attr('data-said-on')).get();
    assert.equal(dates.length, 30);
    assert.deepEqual(dates, [...dates].sort().reverse());
    // Grouped by day: one heading per day, each over that day's claims.
    const days = $('.timeline .timeline-day').map((_, el) => $(el).attr('data-day')).get();
    // (5 March twice: the claims said that day, then those only reported by then.)
    assert.deepEqual(days, ['2024-03-05', '2024-03-05', '2024-03-04', '2024-02-20']);
    $('.timeline .timeline-day').each((_, section) => {
      const inside = new Set($(section).find('li[data-claim]').map((_, li) => $(li).attr('data-said-on')).get());
      assert.deepEqual(inside, new Set([$(section).attr('data-day')]));
    });
    const whole = await get($('a[href="/stories/taurus-leak/timeline"]').first().attr('href')!);
    const all = whole.$('.timeline li[data-claim]').map((_, el) => whole.$(el).attr('data-said-on')).get();
    assert.equal(all.length, 31);
    assert.deepEqual(all, [...all].sort().reverse());
    assert.equal(all.at(-1), '2024-02-20');
  });
});

describe('the comparison filter', () => {
  const query = '?party=boris-pistorius&party=richard-dannatt&question=officers-should-be-punished';

  test('without JavaScript: a plain GET renders the whole page with only the chosen parties and questions', async () => {
    const { response, $ } = await get(`/stories/taurus-leak${query}`);
    assert.equal(response.status, 200);
    assert.equal($('html').length, 1);
    const matrix = readMatrix($);
    assert.deepEqual(matrix.parties.sort(), ['boris-pistorius', 'richard-dannatt']);
    assert.deepEqual([...matrix.rows.keys()], ['officers-should-be-punished']);
    // The form remembers the choice and still offers every party and question.
    assert.equal($('input[name="party"][value="boris-pistorius"]').is(':checked'), true);
    assert.equal($('input[name="party"][value="dmitry-peskov"]').is(':checked'), false);
    assert.equal($('input[name="party"]').length, 7);
    assert.equal($('input[name="question"]').length, 7);
    assert.equal($('form.matrix-filter').attr('method'), 'get');
  });

  test('with some parties chosen, the summaries speak of those parties only, and say so', async () => {
    const summary = ($: cheerio.CheerioAPI, q: string) => $(`.comparisons .comparison[data-question="${q}"] .comparison-summary`).text();
    const all = await get('/stories/taurus-leak');
    assert.match(summary(all.$, 'how-the-call-was-intercepted'), /^[A-Z][^:]*: .*Boris Pistorius/);
    assert.doesNotMatch(summary(all.$, 'how-the-call-was-intercepted'), /chosen/);
    // Downing Street says nothing on how the call was intercepted; others do.
    const { $ } = await get('/stories/taurus-leak?party=downing-street&question=how-the-call-was-intercepted');
    assert.equal(summary($, 'how-the-call-was-intercepted'), 'None of the chosen parties takes a position on it.');
    const chosen = await get(`/stories/taurus-leak${query}`);
    assert.match(summary(chosen.$, 'officers-should-be-punished'), /^[A-Z][^:]* among the chosen parties: /);
  });

  test('with htmx: answers with the matrix fragment only, and varies on HX-Request', async () => {
    const { response, body, $ } = await get(`/stories/taurus-leak${query}`, { 'HX-Request': 'true' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('vary') ?? '', /HX-Request/i);
    // A history restore asks for the same address with HX-Request too: the browser's cache must not answer it with this fragment.
    assert.match(response.headers.get('vary') ?? '', /HX-History-Restore-Request/i);
    assert.doesNotMatch(body, /<html|<head|<body/i);
    assert.equal($('#matrix').length, 1);
    assert.deepEqual(readMatrix($).parties.sort(), ['boris-pistorius', 'richard-dannatt']);
  });

  test('a history restore gets the whole page, not a fragment', async () => {
    const { body } = await get(`/stories/taurus-leak${query}`, {
      'HX-Request': 'true',
      'HX-History-Restore-Request': 'true',
    });
    assert.match(body, /<html/);
  });

  test('the full page and the fragment are cached apart', async () => {
    const page = await get(`/stories/taurus-leak${query}`);
    const fragment = await get(`/stories/taurus-leak${query}`, { 'HX-Request': 'true' });
    const pageAgain = await get(`/stories/taurus-leak${query}`);
    assert.match(page.body, /<html/);
    assert.doesNotMatch(fragment.body, /<html/);
    assert.equal(pageAgain.body, page.body);
  });

  test('the form is wired for htmx: a tick swaps the matrix and replaces the URL, Compare pushes one entry', async () => {
    const { $ } = await get('/stories/taurus-leak');
    const form = $('form.matrix-filter');
    assert.equal(form.attr('data-hx-get'), '/stories/taurus-leak');
    assert.equal(form.attr('data-hx-target'), '#matrix');
    assert.equal(form.attr('data-hx-trigger'), 'change');
    assert.equal(form.attr('data-hx-replace-url'), 'true');
    assert.equal(form.attr('data-hx-push-url'), undefined);
    // Without JavaScript the browser must not restore ticks the table does not show.
    assert.equal(form.attr('autocomplete'), 'off');
    const compare = form.find('button[type=submit]');
    assert.equal(compare.attr('data-hx-get'), '/stories/taurus-leak');
    assert.equal(compare.attr('data-hx-include'), 'closest form');
    assert.equal(compare.attr('data-hx-push-url'), 'true');
  });

  test('unknown parties or questions are named and left out, not an error', async () => {
    const { response, $ } = await get('/stories/taurus-leak?party=boris-pistorius&party=nobody-at-all&question=%3Cscript%3E');
    assert.equal(response.status, 200);
    assert.match($('#matrix .notice').text(), /nobody-at-all/);
    assert.match($('#matrix .notice').text(), /<script>/);
    assert.deepEqual(readMatrix($).parties, ['boris-pistorius']);
  });
});

describe('question, party, claim and source pages', () => {
  test('a question page gives every party’s position with sources', async () => {
    const { response, $ } = await get('/stories/taurus-leak/questions/british-personnel-on-the-ground');
    assert.equal(response.status, 200);
    assert.match($('h1').text(), /British military personnel are on the ground in Ukraine/);
    const parties = $('section.party-position').map((_, s) => $(s).attr('data-party')).get();
    assert.deepEqual(new Set(parties), new Set(['ingo-gerhartz', 'downing-street', 'richard-dannatt']));
    assert.ok($('section.party-position .citations a[href^="/sources/"]').length >= 3);
  });

  test('a party page gives the role at the time, every claim by story and question, with sources', async () => {
    const { $ } = await get('/parties/richard-dannatt');
    assert.equal($('h1').text(), 'Richard Dannatt');
    assert.match($('.facts').text(), /Former head of the British Army/);
    // Aliases are for the desk: a reader sees the roles.
    assert.doesNotMatch($('main').text(), /Also called/);
    assert.equal($('li[data-claim]').length, 3);
    assert.ok($('section.question-group[data-question="officers-should-be-punished"]').length === 1);
    assert.match($('li[data-claim] .meta').first().text(), /as Former head of the British Army/);
    // Each source once per story, with the claims resting on it, not under every claim.
    const sources = $('.sources-once li[data-source]').map((_, li) => $(li).attr('data-source')).get();
    assert.ok(sources.length >= 2);
    assert.equal(new Set(sources).size, sources.length);
    assert.equal($('li[data-claim] .citations').length, 0);
    // The summary first: one line per question, with the positions taken.
    const lines = $('.party-summary li[data-question]');
    assert.deepEqual(lines.map((_, li) => $(li).attr('data-question')).get(), ['british-personnel-on-the-ground', 'officers-should-be-punished']);
    assert.equal($('.party-summary li[data-question="officers-should-be-punished"]').attr('data-positions'), 'asserts');
    assert.match($('.party-summary li[data-question="officers-should-be-punished"]').text(), /2 claims/);
  });

  test('a party page names each claim once under each source, even a claim on two questions', async () => {
    const { $ } = await get('/parties/boris-pistorius');
    $('.sources-once li[data-source]').each((_, li) => {
      const claims = $(li).find('a[href^="/claims/"]').map((_, a) => $(a).attr('href')).get();
      assert.equal(new Set(claims).size, claims.length, `source ${$(li).attr('data-source')} lists a claim twice`);
    });
    assert.equal($('.sources-once li[data-source]').length, 2);
  });

  test('a party who acted without a quoted claim still has a page', async () => {
    const { response, $ } = await get('/parties/rt-editor');
    assert.equal(response.status, 200);
    assert.match($('main').text(), /Released the leaked audio on Friday 1 March 2024/);
  });

  test('a claim page gives form, type, speaker and role, date, venue, stances, rating, sources, other views', async () => {
    const home = await get('/parties/august-hanning');
    const href = home.$('li[data-claim] a[href^="/claims/"]').filter((_, a) => home.$(a).closest('li').text().includes('iceberg')).attr('href')!;
    const { $ } = await get(href);
    const facts = $('.facts').text();
    assert.match(facts, /August Hanning, Former head of the BND/);
    // Issue 14: said in German to Bild, known only in The Independent's English.
    assert.match(facts, /Quote \(in translation\)/);
    assert.match(facts, /Opinion/);
    assert.match(facts, /Told Bild/);
    assert.match(facts, /reported 5 March 2024/);
    assert.equal($('.claim-statement q').text(), 'This leak could have been just the tip of the iceberg.');
    assert.deepEqual(
      $('ul.stances li').map((_, li) => $(li).attr('data-position')).get().sort(),
      ['asserts', 'qualifies'],
    );
    const roles = $('.citations li').map((_, li) => $(li).attr('data-role')).get().sort();
    assert.deepEqual(roles, ['original_venue', 'reports']);
    assert.match($('.citations blockquote.passage').text(), /He told Germany’s Bild newspaper/);
    const others = $('.other-views section[data-question="how-the-call-was-intercepted"] li').text();
    assert.match(others, /Boris Pistorius/);
    assert.doesNotMatch($('.other-views').text(), /August Hanning/);
  });

  test('a source page gives kind, publisher, the claims resting on it and the archived text', async () => {
    const { $ } = await get('/sources/1');
    assert.match($('.facts').text(), /News report/);
    assert.match($('.facts').text(), /The Independent/);
    // 31 claims rest on it: 30 on the first page, the last on the second.
    assert.equal($('li[data-claim]').length, 30);
    const next = $('nav.pager a[rel="next"]').attr('href')!;
    const second = await get(next);
    assert.equal(second.$('li[data-claim]').length, 1);
    assert.equal((await get(`${next.split('?')[0]}?page=3`)).response.status, 404);
    assert.equal((await get(`${next.split('?')[0]}?page=abc`)).response.status, 404);
    assert.match($('.archived-text').text(), /I will not sacrifice any of my best officers/);
    assert.match($('code.hash').text(), /^[0-9a-f]{64}$/);
  });

  test('/healthz reports the database', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; database: Record<string, unknown> };
    assert.equal(body.status, 'ok');
    assert.equal(body.database.reachable, true);
    assert.equal(body.database.journalMode, 'wal');
    assert.equal(body.database.publishedClaims, 31);
    assert.deepEqual(Object.keys(body.database).sort(), ['journalMode', 'migrationsApplied', 'publicationGeneration', 'publishedClaims', 'reachable']);
  });

  test('/healthz tells nothing about the desk, and a failure nothing of its cause', async () => {
    const broken = makeTestDb({ withStory: false });
    const logged: Record<string, unknown>[] = [];
    const app = createApp({ db: broken.db, config: testConfig(), log: (line) => logged.push(line) });
    broken.db.$client.exec('DROP TABLE publication_state');
    const response = await app.request('/healthz');
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: 'error', database: { reachable: false } });
    assert.ok(logged.some((line) => line.msg === 'health check failed' && /publication_state/.test(String(line.error))), 'the cause is in the log');
    broken.close();
  });

  test('htmx and the stylesheet are served by the app, and pages load nothing from elsewhere', async () => {
    const { $ } = await get('/');
    const script = $('script[src]').attr('src')!;
    const style = $('link[rel="stylesheet"]').attr('href')!;
    assert.match(script, /^\/assets\/htmx\.[0-9a-f]+\.js$/);
    const js = await fetch(server.url + script);
    assert.equal(js.status, 200);
    assert.match(await js.text(), /htmx/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(server.url + style)).status, 200);
    assert.equal($('[src^="http"], link[href^="http"]').length, 0);
  });
});

describe('not found', () => {
  for (const path of [
    '/stories/no-such-story',
    '/stories/taurus-leak/questions/no-such-question',
    '/stories/NOT_A_SLUG',
    '/parties/no-such-party',
    '/claims/99999',
    '/claims/abc',
    '/claims/-1',
    '/claims/1e3',
    '/claims/99999999999999999999999',
    '/sources/424242',
    '/nowhere',
  ]) {
    test(`${path} is a real 404 page`, async () => {
      const { response, $ } = await get(path);
      assert.equal(response.status, 404);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal($('h1').text(), 'Page not found');
      assert.equal($('a[href="/"]').length > 0, true);
    });
  }
});

describe('every public page', () => {
  test('is reachable by following links from the home page, and none fails', async () => {
    const pages = await crawl();
    assert.ok(pages.size > 40, `only ${pages.size} pages reached`);
    for (const [path, body] of pages) assert.doesNotMatch(body, /Something went wrong/, path);
  });
});

describe('unpublished work', () => {
  test('drafts and claims in review never appear on any public page; a retraction only at its address', async () => {
    const sql = server.db.$client;
    const party = sql.prepare("INSERT INTO parties (slug, name, kind) VALUES ('secret-source', 'Secret Whistleblower', 'person')").run();
    const source = sql.prepare("INSERT INTO sources (title, publisher, kind) VALUES ('Unpublished dossier', 'Secret Publisher', 'leaked_material')").run();
    const ids: Record<string, number> = {};
    for (const state of ['draft', 'in_review', 'retracted']) {
      const claim = sql
        .prepare(
          `INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, retraction_note)
           VALUES (1, ?, ?, 'paraphrase', 'factual', '2024-03-06', 'day', ?, ?)`,
        )
        .run(state === 'draft' ? party.lastInsertRowid : 1, `UNPUBLISHED-${state} the officers were paid`, state, state === 'retracted' ? 'We could not confirm it.' : '');
      const claimId = Number(claim.lastInsertRowid);
      ids[state] = claimId;
      sql.prepare("INSERT INTO stances (claim_id, question_id, position) VALUES (?, 1, 'denies')").run(claimId);
      sql.prepare("INSERT INTO citations (claim_id, source_id, role) VALUES (?, ?, 'reports')").run(claimId, source.lastInsertRowid);
    }
    bumpPublicationGeneration(server.db);

    const pages = await crawl();
    for (const [path, body] of pages) {
      assert.doesNotMatch(body, /UNPUBLISHED-draft|UNPUBLISHED-in_review|Secret Whistleblower/, path);
      if (path !== `/claims/${ids.retracted}`) assert.doesNotMatch(body, /Unpublished dossier|Secret Publisher/, path);
      if (path !== `/claims/${ids.retracted}` && path !== '/corrections' && path !== '/corrections.atom') assert.doesNotMatch(body, /UNPUBLISHED-retracted/, path);
    }
    assert.equal((await get(`/claims/${ids.draft}`)).response.status, 404);
    assert.equal((await get(`/claims/${ids.in_review}`)).response.status, 404);
    const retracted = await get(`/claims/${ids.retracted}`);
    assert.equal(retracted.response.status, 200);
    assert.match(retracted.$('.retraction').text(), /We could not confirm it\./);
    assert.equal((await get(`/sources/${source.lastInsertRowid}`)).response.status, 404);
    assert.equal((await get('/parties/secret-source')).response.status, 404);
    const matrix = readMatrix((await get('/stories/taurus-leak')).$);
    assert.equal(matrix.rows.get('how-the-call-was-intercepted')?.get('boris-pistorius')?.includes('denies'), false);
  });

  test('a story without a published claim is not public', async () => {
    const sql = server.db.$client;
    sql.prepare("INSERT INTO stories (slug, title, summary_md, starts_on) VALUES ('embargoed', 'Embargoed story', 'x', '2024-05-01')").run();
    bumpPublicationGeneration(server.db);
    assert.equal((await get('/stories/embargoed')).response.status, 404);
    assert.doesNotMatch((await get('/')).body, /Embargoed story/);
  });
});

describe('Markdown from the newsroom', () => {
  test('is rendered and sanitised: no script, handler, hx- attribute, style or javascript: URL survives', async () => {
    const sql = server.db.$client;
    const original = sql.prepare("SELECT summary_md FROM stories WHERE slug = 'taurus-leak'").pluck().get();
    sql.prepare("UPDATE stories SET summary_md = ? WHERE slug = 'taurus-leak'").run(
      [
        '**Bold** and [a link](https://example.org/report).',
        '<script>alert(1)</script><style>body{display:none}</style>',
        '<a href="javascript:alert(2)" onclick="alert(3)">click</a>',
        '<div hx-get="/evil" data-hx-post="/evil" hx-trigger="load">htmx</div>',
        '<img src=x onerror="alert(4)">',
        '[js](javascript:alert(5))',
      ].join('\n\n'),
    );
    bumpPublicationGeneration(server.db);
    try {
      const { body, $ } = await get('/stories/taurus-leak');
      const summary = $('.summary').html() ?? '';
      assert.match(summary, /<strong>Bold<\/strong>/);
      assert.match(summary, /href="https:\/\/example.org\/report"/);
      assert.doesNotMatch(summary, /<script|<style|onclick|onerror|hx-|javascript:/i);
      assert.equal($('script:not([src])').length, 0, 'no inline script anywhere on the page');
      assert.doesNotMatch(body, /alert\(/);
    } finally {
      sql.prepare("UPDATE stories SET summary_md = ? WHERE slug = 'taurus-leak'").run(original);
      bumpPublicationGeneration(server.db);
    }
  });
});

describe('caching of public pages', () => {
  test('a revalidation gets 304 until something is published, then the new page', async () => {
    const first = await get('/claims/1');
    const etag = first.response.headers.get('etag')!;
    assert.ok(etag);
    const again = await fetch(`${server.url}/claims/1`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);

    const sql = server.db.$client;
    const statement = sql.prepare('SELECT statement FROM claims WHERE id = 1').pluck().get() as string;
    sql.prepare('UPDATE claims SET statement = ? WHERE id = 1').run(`${statement} (corrected)`);
    bumpPublicationGeneration(server.db);
    try {
      const changed = await fetch(`${server.url}/claims/1`, { headers: { 'If-None-Match': etag } });
      assert.equal(changed.status, 200);
      assert.match(await changed.text(), /\(corrected\)/);
    } finally {
      sql.prepare('UPDATE claims SET statement = ? WHERE id = 1').run(statement);
      bumpPublicationGeneration(server.db);
    }
  });

  test('every page sends a strict Content-Security-Policy', async () => {
    const { response } = await get('/stories/taurus-leak');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY', 'the same answer as frame-ancestors for older browsers');
  });
});
