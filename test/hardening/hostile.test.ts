/**
 * Hostile input, the sample that runs with `npm test` (`npm run test:hostile` runs the whole
 * corpus): every route, form field, query parameter, path segment and a few headers of the app,
 * tried with 40 strings of the Big List of Naughty Strings chosen deterministically and every
 * special case (NUL bytes, invalid UTF-8, huge numbers, 1 MB bodies, repeated and missing fields,
 * JSON and multipart bodies, raw bytes in the path). The rule is in hostile-targets.ts: never a
 * 5xx, a 4xx is a page with a message, a refused request writes nothing, no markup is reflected.
 *
 * One test per target, so a failure names the route and the field; the targets the table does
 * not list (routes added since) are found by crawling the desk and by the app's route list.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { diffParagraphs } from '../../src/revisions/diff.js';
import { TEST_PASSWORD } from '../helpers/app.js';
import { DbWatch, corpus, messageOf, unsafeMarkup } from './hostile-support.js';
import {
  Harness,
  IMPORT_CSV,
  Picker,
  appRoutes,
  claimFields,
  discoverTargets,
  genericTargets,
  judge,
  recrawl,
  runTarget,
  tableTargets,
  type Failure,
  type Target,
} from './hostile-targets.js';

const h = await Harness.start();
after(() => h.stop());

const picker = new Picker(corpus('sample', 40), 'sample');
const table = tableTargets();
const covered = new Set(table.map((t) => `${t.method} ${t.route}`));
const discovered = await discoverTargets(h, covered);
const generic = genericTargets(h, covered);

function report(failures: Failure[]): string {
  return failures
    .slice(0, 15)
    .map((f) => `  ${f.case} → ${f.status}: ${f.problems.join(' | ').slice(0, 300)}${f.snippet ? `\n      page: ${f.snippet.slice(0, 160)}` : ''}`)
    .join('\n');
}

describe('the checks themselves', () => {
  test('the running fingerprint sees a committed write, and not a rolled-back one or a volatile table', () => {
    const sql = h.sql();
    const watch = new DbWatch(sql);
    let before = watch.mark();
    sql.prepare("UPDATE claims SET venue = venue || ' (changed)' WHERE id = 1").run();
    assert.deepEqual(watch.changedSince(before).map((line) => line.split(':')[0]), ['claims']);
    sql.prepare("UPDATE claims SET venue = replace(venue, ' (changed)', '') WHERE id = 1").run();
    before = watch.mark();
    assert.throws(() =>
      sql.transaction(() => {
        sql.prepare("INSERT INTO sources (title, publisher, kind) VALUES ('x', 'y', 'news_report')").run();
        throw new Error('roll back');
      })(),
    );
    sql.prepare("INSERT INTO audit_events (action, detail) VALUES ('login_failed', '{}')").run();
    assert.deepEqual(watch.changedSince(before), []);
    assert.deepEqual(watch.verify(), []);
  });

  test('a 5xx, a 4xx without a message, a write behind a 4xx and reflected markup are all failures', () => {
    const target: Target = { name: 'x', role: 'anonymous', method: 'GET', route: '/', path: () => '/' };
    const built = { method: 'GET', path: '/' };
    const html = (body: string) => ({ 'content-type': 'text/html; charset=UTF-8', body });
    const page = (status: number, body: string) => ({ status, headers: { 'content-type': html(body)['content-type'] }, body });
    assert.match(judge(target, built, page(500, '<h1>x</h1>'), [], undefined)[0]!, /500/);
    assert.match(judge(target, built, page(422, '<main></main>'), [], undefined)[0]!, /without a message/);
    assert.match(judge(target, built, page(400, '<h1>Bad</h1><p>No.</p>'), ['claims: 1 → 2'], undefined)[0]!, /wrote/);
    const hostile = { label: 'x', piece: { text: '<img src=x onerror=alert(1)>' }, family: 'special' as const };
    assert.match(judge(target, built, page(200, '<p><img src=x onerror=alert(1)></p>'), [], hostile).join(), /event handler/);
    assert.deepEqual(judge(target, built, page(200, '<p>&lt;img src=x onerror=alert(1)&gt;</p>'), [], hostile), []);
    assert.equal(messageOf('<main><h1>Page not found</h1><p>We could not find that page.</p></main>'), 'We could not find that page.');
    assert.ok(unsafeMarkup('<a href=" jav&#x09;ascript:alert(1)">x</a>').length > 0, 'an obfuscated javascript: URL is seen');
  });

  test('what our pages put in their head is allowed in exactly the form they write it, and nothing like it from elsewhere', async () => {
    const origin = h.server.url;
    // Our own: scripts and stylesheet by their hashed names, a claim's canonical, oEmbed and ClaimReview, feed links, the import button.
    for (const path of ['/', '/stories/taurus-leak', '/parties/dmitry-peskov', '/corrections', '/claims/1', '/search?q=spy']) {
      assert.deepEqual(unsafeMarkup((await h.client('anonymous').get(path)).body, [], origin), [], path);
    }
    assert.match((await h.client('anonymous').get('/claims/1')).body, /application\/ld\+json[\s\S]*json\+oembed|json\+oembed[\s\S]*application\/ld\+json/, 'claim 1 has both');
    assert.deepEqual(unsafeMarkup((await h.client('journalist').get('/desk')).body, [], origin), [], '/desk (its desk.js)');
    const preview = await h.client('journalist').post('/desk/import/preview', { story: '1', csv: IMPORT_CSV });
    assert.equal(preview.$('button[formaction="/desk/import/confirm"]').length, 1, 'the preview offers to import');
    assert.deepEqual(unsafeMarkup(preview.body, [], origin), [], 'the import preview (its formaction)');

    const head = (markup: string) => `<!doctype html><html><head><title>x</title>${markup}</head><body><p>x</p></body></html>`;
    const body = (markup: string) => `<!doctype html><html><head><title>x</title></head><body><main><p>${markup}</p></main></body></html>`;
    const claim = `${origin}/claims/1`;
    const oembed = (at: string, url: string) => `<link rel="alternate" type="application/json+oembed" href="${at}/oembed?url=${encodeURIComponent(url)}&amp;format=json">`;
    const review = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ClaimReview","url":"x"}</script>';
    assert.deepEqual(unsafeMarkup(head(`<link rel="canonical" href="${claim}">${oembed(origin, claim)}${review}<link rel="alternate" type="application/atom+xml" href="/stories/taurus-leak/feed.atom">`), [], origin), []);
    const refused: [string, string][] = [
      ['a canonical address on another site', head('<link rel="canonical" href="https://evil.example/claims/1">')],
      ['a second canonical address', head(`<link rel="canonical" href="${claim}"><link rel="canonical" href="${origin}/claims/2">`)],
      ['a canonical address in the body', body(`<link rel="canonical" href="${claim}">`)],
      ['a canonical address that is not a claim', head(`<link rel="canonical" href="${origin}/desk/users">`)],
      ['a feed on another site', head('<link rel="alternate" type="application/atom+xml" href="//evil.example/feed.atom">')],
      ['a feed address we do not have', head('<link rel="alternate" type="application/atom+xml" href="/feed.atom?x=1">')],
      ['a feed link in the body', body('<link rel="alternate" type="application/atom+xml" href="/feed.atom">')],
      ['oEmbed of another site’s claim', head(oembed(origin, 'https://evil.example/claims/1'))],
      ['oEmbed served elsewhere', head(oembed('https://evil.example', 'https://evil.example/claims/1'))],
      ['oEmbed with more in its query', head(`<link rel="alternate" type="application/json+oembed" href="${origin}/oembed?url=${encodeURIComponent(claim)}&amp;format=json&amp;callback=x">`)],
      ['JSON-LD that is not a ClaimReview', head('<script type="application/ld+json">{"@context":"https://schema.org","@type":"Person"}</script>')],
      ['JSON-LD with markup in it', head('<script type="application/ld+json">{"@context":"https://schema.org","@type":"ClaimReview","x":"<b>"}</script>')],
      ['a second ClaimReview', head(review + review)],
      ['a ClaimReview in the body', body(review)],
      ['a stylesheet of ours by another hash', head('<link rel="stylesheet" href="/assets/style.0123456789ab.css">')],
      ['a desk.js by another hash', body('<script src="/assets/desk.0123456789ab.js"></script>')],
      ['a formaction elsewhere', body('<form method="post" action="/desk/import/preview"><button formaction="/desk/users">x</button></form>')],
      ['our formaction in another form', body('<form method="post" action="/desk/claims"><button formaction="/desk/import/confirm">x</button></form>')],
    ];
    for (const [label, html] of refused) assert.ok(unsafeMarkup(html, [], origin).length > 0, label);
  });
});

describe('hostile input (a sample of the corpus)', () => {
  for (const target of [...table, ...discovered, ...generic]) {
    test(target.name, async () => {
      const before = h.failures.length;
      const stats = await runTarget(h, target, picker);
      const failures = h.failures.slice(before);
      assert.ok(stats.requests > 0, `no request was sent (${stats.notes.join('; ')})`);
      assert.equal(failures.length, 0, `${failures.length} requests broke the rule:\n${report(failures)}`);
    });
  }

  test('afterwards, every public page and every desk page still answers (nothing stored broke a page)', async () => {
    const { pages, failures } = await recrawl(h, 400);
    assert.ok(pages > 50, `only ${pages} pages crawled`);
    assert.equal(failures.length, 0, `${failures.length} pages broke:\n${report(failures)}`);
  });

  test('every route of the app was exercised, and every value reached forms, queries and paths', () => {
    const missed = appRoutes(h)
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !h.exercised.has(key));
    assert.deepEqual(missed, [], 'routes no target reached');
    const short = picker.values.filter((v) => ['field', 'query', 'path'].some((kind) => !picker.used.get(v.label)?.has(kind)));
    assert.deepEqual(short.map((v) => v.label), [], 'values not sent to every kind of input');
  });
});

describe('very many rows', () => {
  test('a claim form with 35 000 stance rows, or citation rows, is refused with a 4xx, not a 500', async () => {
    // Each row's id goes into one SQL query; SQLite binds at most 32 766 parameters.
    const journalist = h.client('journalist');
    const question = String(h.sql().prepare('SELECT id FROM questions WHERE story_id = 1 LIMIT 1').pluck().get());
    const answers: Record<string, number> = {};
    for (const [field, value] of [
      ['stance_question', question],
      ['citation_source', '1'],
    ] as const) {
      const fields = Object.entries(claimFields(h)).filter(([name]) => !name.startsWith(field.split('_')[0]!));
      const entries: [string, string][] = [...fields.flatMap(([n, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [n, x])), ...Array.from({ length: 35_000 }, (): [string, string] => [field, value])];
      const before = h.watch.mark();
      const page = await journalist.post('/desk/claims', entries);
      answers[field] = page.status;
      assert.deepEqual(h.watch.changedSince(before), [], 'nothing written');
    }
    assert.deepEqual(Object.entries(answers).filter(([, status]) => status >= 500), [], JSON.stringify(answers));
  });

  test('5 000 rows are not re-rendered into a page of megabytes (claim stances and citations, party roles)', async () => {
    // A refused save shows the form again with every row sent: 5 000 one-character rows (40 KB)
    // come back as ~10 MB of HTML after seconds of rendering; 35 000 take 20–40 s and 70 MB.
    const sizes: Record<string, number> = {};
    const journalist = h.client('journalist');
    const base = Object.entries(claimFields(h)).filter(([name]) => !/^(stance|citation)_/.test(name)) as [string, string][];
    for (const field of ['stance_note', 'citation_passage']) {
      const page = await journalist.post('/desk/claims', [...base, ...Array.from({ length: 5_000 }, (): [string, string] => [field, '1'])]);
      sizes[`/desk/claims ${field} ×5000 → ${page.status}`] = page.body.length;
    }
    const party = await journalist.post('/desk/parties', [['name', 'Many roles'], ['kind', 'person'], ...Array.from({ length: 5_000 }, (): [string, string] => ['role_title', 'x'])]);
    sizes[`/desk/parties role_title ×5000 → ${party.status}`] = party.body.length;
    const large = Object.entries(sizes).filter(([, bytes]) => bytes > 2_000_000);
    assert.deepEqual(large, [], 'answers over 2 MB (bytes)');
  });
});

describe('very many aliases', () => {
  test('a party with 30 000 aliases is refused with a 4xx (and the duplicate check is linear: a Set, not a list)', async () => {
    const aliases = Array.from({ length: 30_000 }, (_, i) => `a${i}`).join('\n');
    const page = await h.client('journalist').post('/desk/parties', { name: 'Alias bomb', kind: 'person', aliases });
    assert.ok(page.status >= 400 && page.status < 500, `answered ${page.status}`);
  });
});

describe('comparing two large captures of a source', () => {
  test('does bounded work: past a budget, changed paragraphs are shown whole, not word by word', () => {
    // The archive page diffs the two newest captures on every view, word by word inside each
    // changed paragraph (one table cell per pair of words in the part that differs). Two 900 KB
    // captures of 450 paragraphs of 1 000 words, each rewritten throughout, held the server for a
    // minute per view. Here 40 such paragraphs (the words shifted by one, so no common beginning or
    // end to skip: 160 M cells); a bounded comparison diffs a few and shows the rest whole.
    const words = (first: string, second: string) => Array.from({ length: 1000 }, (_, i) => (i % 2 ? second : first)).join(' ');
    const before = Array.from({ length: 40 }, () => words('a', 'b')).join('\n');
    const after = Array.from({ length: 40 }, () => words('b', 'a')).join('\n');
    const changes = diffParagraphs(before, after);
    assert.equal(changes.length, 40);
    const wordByWord = changes.filter((c) => c.op === 'changed' && c.words.length > 2).length;
    assert.ok(wordByWord <= 10, `${wordByWord} of 40 paragraphs of 1 000 words were diffed word by word: the work grows without bound`);
  });
});

describe('setting a suggestion aside', () => {
  test('a request refused for a field sent twice (here `story`) has set nothing aside', async () => {
    // The full run found it: the set-aside was written, then the repeated `story` refused with a 400.
    const target = table.find((t) => t.name === 'set a suggestion aside')!;
    const fx = await target.prepare!(h);
    const path = target.path(fx);
    const page = await h.client('journalist').get(target.formPage!(fx));
    const fields = page.$(`form[action="${path}"]`).first().find('input[type=hidden]').map((_, el) => [[page.$(el).attr('name')!, page.$(el).attr('value') ?? '']]).get() as [string, string][];
    assert.deepEqual(fields.map(([name]) => name).sort(), ['key', 'snapshot', 'story']);
    const before = h.watch.mark();
    const refused = await h.client('journalist').post(path, [...fields, ['story', String(fx.story)]]);
    assert.equal(refused.status, 400);
    assert.deepEqual(h.watch.changedSince(before), [], 'nothing written');
    assert.equal((await h.client('journalist').post(path, fields)).status, 303, 'the same form sent once sets it aside');
  });
});

describe('signing in with a hostile place to go next', () => {
  test('a valid login whose `next` carries CR/LF answers a redirect, not a 500', async () => {
    const { email } = await h.server.addUser('journalist');
    const answers: Record<string, number> = {};
    for (const next of ['/desk/claims\r\nSet-Cookie: evil=1', '/desk\nLocation: //evil.example', '/desk/claims\u0085x']) {
      const page = await h.server.client().post('/login', { email, password: TEST_PASSWORD, next }, { 'X-Forwarded-For': `192.0.2.${Object.keys(answers).length + 1}` });
      answers[JSON.stringify(next)] = page.status;
      assert.doesNotMatch(page.headers.get('set-cookie') ?? '', /evil/);
    }
    assert.deepEqual(Object.entries(answers).filter(([, status]) => status >= 500), [], JSON.stringify(answers));
  });
});

/**
 * Markdown that the renderer cannot take. marked parses nested blocks recursively: a few thousand
 * `>` (or `1. `, or `*`) overflow the stack, and its inline emphasis is quadratic. The rating
 * explanation and the story summary accept 20 000 characters, the previews any size up to 1 MB.
 */
describe('pathological Markdown', () => {
  const BOMBS: [string, string][] = [
    ['5 000 nested quotes', '>'.repeat(5_000)],
    ['3 000 nested ordered lists', '1. '.repeat(3_000)],
    ['6 000 emphasis markers', `${'*'.repeat(3_000)}a${'*'.repeat(3_000)}`],
  ];

  for (const [label, markdown] of BOMBS) {
    test(`${label}: the previews answer without a 5xx`, async () => {
      const journalist = h.client('journalist');
      const editor = h.client('editor');
      const answers = {
        'claim preview': (await journalist.post('/desk/claims/preview', { rating_explanation: markdown }, { 'HX-Request': 'true' })).status,
        'claim form, Preview button': (await journalist.post('/desk/claims', claimFields(h, { rating_explanation: markdown, intent: 'preview' }))).status,
        'story summary preview': (await editor.post('/desk/stories/preview', { summary_md: markdown }, { 'HX-Request': 'true' })).status,
        'story form refused (422) with the summary': (await editor.post('/desk/stories', { title: '', summary_md: markdown, starts_on: '2024-03-01' })).status,
      };
      assert.deepEqual(Object.entries(answers).filter(([, status]) => status >= 500), [], JSON.stringify(answers));
    });
  }

  test('a published claim whose explanation is such Markdown: its public page answers', async () => {
    const journalist = h.client('journalist');
    const editor = h.client('editor');
    const created = await journalist.post('/desk/claims', claimFields(h, { rating_explanation: BOMBS[0]![1] }));
    assert.equal(created.status, 303, 'saved: 5 000 characters is within the 20 000 allowed');
    const id = Number(/\/(\d+)/.exec(created.location ?? '')![1]);
    const version = () => String(h.sql().prepare('SELECT version FROM claims WHERE id = ?').pluck().get(id));
    await journalist.post(`/desk/claims/${id}/submit`, { version: version() });
    const published = await editor.post(`/desk/review/${id}/publish`, { version: version(), override_reason: 'Testing the renderer.' });
    assert.equal(published.status, 303);
    const page = await h.server.client().get(`/claims/${id}`);
    assert.ok(page.status < 500, `/claims/${id} answered ${page.status} to every reader`);
  });

  test('a story whose summary is such Markdown: its desk page, its edit form and its public page answer', async () => {
    const editor = h.client('editor');
    const story = await editor.post('/desk/stories', { title: 'Deeply quoted', slug: 'deeply-quoted', summary_md: BOMBS[0]![1], starts_on: '2024-03-01' });
    assert.equal(story.status, 303, 'saved: within the 20 000 characters allowed');
    const storyId = Number(/\/(\d+)/.exec(story.location ?? '')![1]);
    const question = await editor.post(`/desk/stories/${storyId}/questions`, { proposition: 'It is deep.', short_label: 'Deep', slug: 'deep', position: '1' });
    assert.equal(question.status, 303);
    const questionId = Number(/questions\/(\d+)/.exec(question.location ?? '')![1]);
    const claim = await editor.post(
      '/desk/claims',
      claimFields(h, { story: String(storyId), stance_question: [String(questionId)], stance_position: ['asserts'], stance_note: [''] }),
    );
    assert.equal(claim.status, 303);
    const id = Number(/\/(\d+)/.exec(claim.location ?? '')![1]);
    assert.equal((await editor.post(`/desk/review/${id}/publish`, { version: '1', override_reason: 'Testing the renderer.' })).status, 303);
    const answers = {
      [`/desk/stories/${storyId}`]: (await editor.get(`/desk/stories/${storyId}`)).status,
      [`/desk/stories/${storyId}/edit`]: (await editor.get(`/desk/stories/${storyId}/edit`)).status,
      '/stories/deeply-quoted': (await h.server.client().get('/stories/deeply-quoted')).status,
    };
    assert.deepEqual(Object.entries(answers).filter(([, status]) => status >= 500), [], JSON.stringify(answers));
  });

  test('a preview longer than any field accepts is shown as plain text, not parsed', async () => {
    // Markdown emphasis matching is quadratic on input like this: 100 KB would hold the one-threaded
    // server for seconds. Past the 20 000 characters a field accepts, the text is not parsed at all.
    // (Timing is a benchmark's job on a shared machine; this checks the behaviour that bounds it.)
    const page = await h.client('journalist').post('/desk/claims/preview', { rating_explanation: '*a'.repeat(50_000) }, { 'HX-Request': 'true' });
    assert.ok(page.status < 500, `answered ${page.status}`);
    assert.equal(page.$('em').length, 0, 'not parsed as Markdown');
    assert.match(page.$('p').first().text(), /^\*a\*a/);
  });
});

