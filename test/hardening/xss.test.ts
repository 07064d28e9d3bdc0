/**
 * Cross-site scripting: a corpus of payloads, each entered through every field that reaches a
 * page — the claim form (statement, venue, the Markdown rating explanation, stance notes, citation
 * passages, a new party's name, a new source's title and publisher, the revision comment), the
 * party, source, story and question forms, an archived capture of a source, a user's name, and
 * the editors' override reason, review comment, correction note and retraction note, a claim's
 * original words and renderings (with the translator's name), the cells of an imported spreadsheet,
 * and what is typed into search (echoed back, and highlighted in hits). The claims
 * are published through the real review flow; then every public page (crawled from `/`, also as
 * htmx fragments) and the desk pages that show them (claim, edit form, history and diff, review
 * screen, dashboard, lists, audit log) are parsed with cheerio. None may carry an inline script,
 * an on* attribute, a script URL, an htmx attribute carrying a payload, or a <style>, <iframe>,
 * <svg>… from user input; and plain-text fields must come back as the very text typed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type Client, type Page, type TestServer } from '../helpers/app.js';
import { unsafeMarkup } from './hostile-support.js';

/** Each payload names itself `xss-NN`, so a payload found in an attribute is recognised. */
const PAYLOADS: string[] = [
  '<script>alert("xss-01")</script>',
  '"><img src=x onerror=alert("xss-02")>',
  'javascript:alert("xss-03")',
  '<a href="javascript:alert(\'xss-04\')">xss-04</a>',
  '<div hx-get="/xss-05" hx-trigger="load" hx-target="body">xss-05</div>',
  '<div data-hx-post="/xss-06" data-hx-trigger="load">xss-06</div>',
  '<style>body { display: none } /* xss-07 */</style>',
  '<iframe src="https://evil.example/xss-08"></iframe>',
  '<svg onload=alert("xss-09")><circle r="1"/></svg>',
  '</textarea><script>alert("xss-10")</script>',
  '{{7*7}} ${7*7} <%= 7*7 %> #{7*7} xss-11',
  '[xss-12](javascript:alert(1))',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/xss-13">',
  '<meta name="htmx-config" content=\'{"allowEval":true,"selfRequestsOnly":false}\'>xss-14',
  '<base href="https://evil.example/xss-15/">',
  '![xss-16](x" onerror="alert(1))',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-17")>',
  '<a href="&#106;avascript:alert(\'xss-18\')">xss-18</a>',
  '[xss-19](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<form action="javascript:alert(\'xss-20\')"><button>xss-20</button></form>',
  "' onmouseover='alert(\"xss-21\")' x='",
  '<noscript><p title="</noscript><img src=x onerror=alert(\'xss-22\')>">',
  '<javascript:alert(\'xss-23\')>',
  '<object data="javascript:alert(\'xss-24\')"></object>',
  '<a href="https://ok.example/xss-25" hx-on:click="alert(1)" hx-on::before-request="alert(2)">xss-25</a>',
  '<template><script>alert("xss-26")</script></template>',
  '--><script>alert("xss-27")</script><!--',
  '<![CDATA[<script>alert("xss-28")</script>]]>',
  '\u2028\u2029<script>alert("xss-29")</script>',
  '[xss-30][r]\n\n[r]: javascript:alert(1)',
  '![xss-31](javascript:alert(1))',
  '<a href="vbscript:msgbox(\'xss-32\')">xss-32</a>',
  '<input autofocus onfocus=alert("xss-33")>',
  '<img src="x` `<script>alert(\'xss-34\')</script>"` `>',
  '<a href=" &#14;  javascript:alert(\'xss-35\')">xss-35</a>',
  '<details open ontoggle=alert("xss-36")>',
  '<link rel="stylesheet" href="https://evil.example/xss-37.css">',
  '<p style="background:url(javascript:alert(\'xss-38\'))">xss-38</p>',
  '<a href="/desk/users" data-hx-confirm="xss-39" data-hx-swap-oob="true" id="main">xss-39</a>',
];

const marker = (i: number) => `xss-${String(i + 1).padStart(2, '0')}`;
/** Slugs must not contain the marker: the app puts them in URLs and htmx attributes, as it should. */
const slug = (i: number, kind: string) => `${kind}-${String(i + 1).padStart(2, '0')}`;
const MARKERS = PAYLOADS.map((_, i) => marker(i));

let server: TestServer;
let journalist: Client & { userId: number };
let editor: Client & { userId: number };
let admin: Client & { userId: number };

const sql = () => server.db.$client;
const problems: string[] = [];
/** User text in `data-hx-confirm`: htmx shows it with window.confirm() (text), so reported apart. */
const confirmProblems: string[] = [];
const checked = new Set<string>();

type Made = { story: number; storySlug: string; question: number; party: number; source: number; a: number; b: number; c: number };
const made: Made[] = [];

function idFrom(page: Page, what: string): number {
  const match = /\/(\d+)(?:\/edit)?(?:[?#]|$)/.exec(page.location ?? '');
  assert.ok(match, `${what}: expected a redirect to the new record, got ${page.status} ${page.location} ${page.$('main').text().replace(/\s+/g, ' ').slice(0, 300)}`);
  return Number(match[1]);
}

async function ok303(page: Promise<Page>, what: string): Promise<Page> {
  const p = await page;
  assert.equal(p.status, 303, `${what} answered ${p.status}: ${p.$('[role="alert"], .error-summary, main').first().text().replace(/\s+/g, ' ').slice(0, 400)}`);
  return p;
}

const version = (table: string, id: number) => sql().prepare(`SELECT version FROM ${table} WHERE id = ?`).pluck().get(id) as number;

/** Parse a page and record what must not be there. */
function inspect(label: string, html: string) {
  checked.add(label);
  for (const problem of unsafeMarkup(html, MARKERS, server.url)) (/ data-hx-confirm:/.test(problem) ? confirmProblems : problems).push(`${label}: ${problem}`);
}

async function look(client: Client, path: string, options: { hx?: boolean; expect?: number[] } = {}) {
  const page = await client.get(path, options.hx ? { 'HX-Request': 'true' } : {});
  const expected = options.expect ?? [200];
  assert.ok(expected.includes(page.status), `${path}${options.hx ? ' (htmx)' : ''} answered ${page.status}`);
  const type = page.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) {
    // Data (the CSV and JSON exports, the Atom feed) holds the payloads as data; a browser never parses it as a
    // page as long as it says what it is and forbids sniffing.
    assert.match(type, /^(text\/csv|application\/json|application\/atom\+xml)/, `${path}: ${type}`);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff', `${path}: no sniffing`);
    return page;
  }
  inspect(`${path}${options.hx ? ' (htmx)' : ''}`, page.body);
  return page;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The field's text came back as typed: it is in the page's text, not parsed into markup. */
function showsText(page: Page, selector: string, text: string, where: string) {
  const shown = normalise(page.$(selector).text());
  assert.ok(shown.includes(normalise(text)), `${where}: expected ${JSON.stringify(text)} as text in ${selector}, got ${JSON.stringify(shown.slice(0, 300))}`);
}

before(async () => {
  server = await startTestServer();
  journalist = await server.signIn('journalist');
  editor = await server.signIn('editor');
  admin = await server.signIn('admin');
});
after(() => server.stop());

describe('payloads entered through every field', () => {
  test('records: a story and its question (editor), a party and a source (journalist), each with payloads in every text field', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const storySlug = slug(i, 'story');
      const story = idFrom(
        await ok303(editor.post('/desk/stories', { title: `${m} ${payload}`, slug: storySlug, summary_md: `Summary ${m}\n\n${payload}`, starts_on: '2024-03-01', comment: payload }), `story ${m}`),
        `story ${m}`,
      );
      const question = idFrom(
        await ok303(
          editor.post(`/desk/stories/${story}/questions`, { proposition: `${m} ${payload}`, short_label: `${m} ${payload}`.slice(0, 120), slug: slug(i, 'question'), position: '1', comment: payload }),
          `question ${m}`,
        ),
        `question ${m}`,
      );
      const party = idFrom(
        await ok303(
          journalist.post('/desk/parties', {
            name: `${m} ${payload}`.slice(0, 200),
            slug: slug(i, 'party'),
            kind: 'person',
            description: payload,
            aliases: payload.replace(/\n/g, ' '),
            role_title: payload.replace(/\n/g, ' ').slice(0, 200),
            role_status: 'current',
            role_from: '',
            role_until: '',
            comment: payload,
          }),
          `party ${m}`,
        ),
        `party ${m}`,
      );
      const source = idFrom(
        await ok303(
          journalist.post('/desk/sources', {
            title: `${m} ${payload}`,
            publisher: `${m} ${payload}`.slice(0, 200),
            author: payload.replace(/\n/g, ' ').slice(0, 200),
            url: `https://example.org/${m}?q=${payload.replace(/\s/g, '')}`,
            kind: 'news_report',
            description: payload,
            comment: payload,
          }),
          `source ${m}`,
        ),
        `source ${m}`,
      );
      made.push({ story, storySlug, question, party, source, a: 0, b: 0, c: 0 });
    }
  });

  test('claims: a journalist enters payloads in every claim field; one claim per payload goes to review, one is sent back, one is retracted', async () => {
    const fixtureQuestion = sql().prepare("SELECT id FROM questions WHERE slug = 'leak-proves-western-involvement'").pluck().get() as number;
    const peskov = sql().prepare("SELECT id FROM parties WHERE slug = 'dmitry-peskov'").pluck().get() as number;
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const r = made[i]!;
      const common = {
        statement: `${m} statement ${payload}`,
        form: 'paraphrase',
        type: 'factual',
        said_on: '2024-03-05',
        date_precision: 'day',
        venue: `${m} ${payload}`.slice(0, 300),
        rating: 'disputed',
        rating_explanation: `Explanation ${m}\n\n${payload}`,
        comment: `${m} ${payload}`.slice(0, 1000),
      };
      // A: in the payload's own story, by its party, citing its source and a new one typed in the form.
      r.a = idFrom(
        await ok303(
          journalist.post('/desk/claims', {
            ...common,
            story: String(r.story),
            party: String(r.party),
            stance_question: [String(r.question)],
            stance_position: ['asserts'],
            stance_note: [`${m} note ${payload}`],
            citation_source: [String(r.source), 'new'],
            citation_role: ['reports', 'original_venue'],
            citation_passage: [`${m} passage ${payload}`, `${m} second passage ${payload}`],
            new_source_title: `${m} new source ${payload}`,
            new_source_publisher: `${m} ${payload}`.slice(0, 300),
            new_source_kind: 'official_statement',
          }),
          `claim A ${m}`,
        ),
        `claim A ${m}`,
      );
      // B: a new party typed in the form; sent back to its author with a payload comment.
      r.b = idFrom(
        await ok303(
          journalist.post('/desk/claims', {
            ...common,
            story: '1',
            party: 'new',
            new_party_name: `${m} new party ${payload}`.slice(0, 200),
            new_party_kind: 'organisation',
            stance_question: [String(fixtureQuestion)],
            stance_position: ['denies'],
            stance_note: [`${m} note ${payload}`],
            citation_source: ['1'],
            citation_role: ['reports'],
            citation_passage: [`${m} passage ${payload}`],
          }),
          `claim B ${m}`,
        ),
        `claim B ${m}`,
      );
      // C: written by the editor, published at once, later retracted with a payload note.
      r.c = idFrom(
        await ok303(
          editor.post('/desk/claims', {
            ...common,
            story: '1',
            party: String(peskov),
            citation_source: ['1'],
            citation_role: ['reports'],
            citation_passage: [`${m} passage ${payload}`],
          }),
          `claim C ${m}`,
        ),
        `claim C ${m}`,
      );
      for (const id of [r.a, r.b]) await ok303(journalist.post(`/desk/claims/${id}/submit`, { version: String(version('claims', id)) }), `submit ${id}`);
    }
  });

  test('a claim’s words: the original, and a rendering with its translator’s name (editor, on claim C before it is published)', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const r = made[i]!;
      const line = `${m} ${payload}`.replace(/\n/g, ' ');
      await ok303(
        editor.post(`/desk/claims/${r.c}/words/original`, { language: 'ru', original: `${m} original ${payload}`, comment: line.slice(0, 500), version: String(version('claims', r.c)) }),
        `original ${m}`,
      );
      await ok303(
        editor.post(`/desk/claims/${r.c}/words/renderings`, {
          text: `${m} rendering ${payload}`,
          language: 'en',
          source: '1',
          translated_by: 'translator',
          translator_name: line.slice(0, 200),
          comment: line.slice(0, 500),
          version: String(version('claims', r.c)),
        }),
        `rendering ${m}`,
      );
      await look(editor, `/desk/claims/${r.c}/words`);
    }
    // Refused: the form comes back with what was typed (a source the claim does not cite).
    const refused = await editor.post(`/desk/claims/${made[0]!.c}/words/renderings`, {
      text: PAYLOADS.join(' '),
      language: PAYLOADS[1]!,
      source: '999999',
      translated_by: PAYLOADS[2]!,
      translator_name: PAYLOADS[3]!,
      comment: PAYLOADS[4]!,
      version: String(version('claims', made[0]!.c)),
    });
    assert.equal(refused.status, 422);
    inspect('words form, 422', refused.body);
  });

  test('a spreadsheet of claims with payloads in every cell: the preview, its row problems, and the drafts imported', async () => {
    const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
    const header = 'Speaker,Statement,Date,Venue,Source URL,Source title,Form';
    const rows = PAYLOADS.map((payload, i) => {
      const m = marker(i);
      // Every fifth row a new speaker named with the payload (the preview lists new parties).
      const speaker = i % 5 === 0 ? `Importer ${i + 1} ${payload}` : 'Dmitry Peskov';
      return [speaker, `${m} imported ${payload}`, '2024-03-06', `${m} ${payload}`, `https://example.org/${m}`, `${m} title ${payload}`, 'paraphrase'].map(cell).join(',');
    });
    const csv = [header, ...rows].join('\r\n');
    const preview = await journalist.post('/desk/import/preview', { story: '1', csv });
    assert.equal(preview.status, 200, 'the preview');
    inspect('import preview', preview.body);
    // Every cell that cannot be read comes back in the row's problem: a payload as the date, the form, the speaker.
    const broken = [header, ...PAYLOADS.map((payload) => [payload.slice(0, 200), payload, payload, payload, payload, payload, payload].map(cell).join(','))].join('\r\n');
    const problems = await journalist.post('/desk/import/preview', { story: '1', csv: broken });
    assert.equal(problems.status, 200);
    inspect('import preview with row problems', problems.body);
    const headers = await journalist.post('/desk/import/preview', { story: '1', csv: [PAYLOADS.map(cell).join(','), PAYLOADS.map(cell).join(',')].join('\r\n') });
    assert.ok([200, 400].includes(headers.status));
    inspect('import preview with payloads as column names', headers.body);
    const refused = await journalist.post('/desk/import/preview', { story: PAYLOADS[0]!, csv: PAYLOADS[1]! });
    inspect('import preview refused', refused.body);

    const form = preview.$('form[action="/desk/import/preview"]');
    const fields: [string, string][] = [];
    form.find('select[name], textarea[name]').each((_, el) => {
      const $el = preview.$(el);
      fields.push([$el.attr('name')!, el.tagName === 'textarea' ? $el.text().replace(/^\n/, '') : ($el.find('option[selected]').attr('value') ?? '')]);
    });
    const done = await journalist.post('/desk/import/confirm', [...fields, ['confirm', 'yes']]);
    assert.equal(done.status, 200, `the import answered ${done.status}: ${done.$('main').text().replace(/\s+/g, ' ').slice(0, 300)}`);
    inspect('import done', done.body);
    const imported = sql().prepare("SELECT id FROM claims WHERE statement LIKE '% imported %' ORDER BY id").pluck().all() as number[];
    assert.equal(imported.length, PAYLOADS.length, 'every row imported');
    for (const id of imported) {
      await look(journalist, `/desk/claims/${id}`);
      await look(journalist, `/desk/claims/${id}/edit`);
    }
    await look(journalist, '/desk/claims?mine=1');
  });

  test('the review queue and review screens show the payloads inert', async () => {
    await look(editor, '/desk/review');
    for (const r of made) {
      await look(editor, `/desk/review/${r.a}`);
      await look(editor, `/desk/review/${r.b}`, { hx: true });
    }
  });

  test('editors act with payloads: override reasons, review comments, a pending edit, correction notes', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const r = made[i]!;
      await ok303(editor.post(`/desk/review/${r.a}/publish`, { version: String(version('claims', r.a)), override_reason: `${m} ${payload}` }), `publish A ${m}`);
      await ok303(editor.post(`/desk/review/${r.c}/publish`, { version: String(version('claims', r.c)), override_reason: `${m} ${payload}` }), `publish C ${m}`);
      await ok303(editor.post(`/desk/review/${r.b}/request-changes`, { version: String(version('claims', r.b)), comment: `${m} ${payload}` }), `request changes B ${m}`);
      // A pending edit of the published claim: the review screen shows its diff.
      const edit = await journalist.get(`/desk/claims/${r.a}/edit`);
      inspect(`/desk/claims/${r.a}/edit`, edit.body);
      const fields: [string, string][] = [];
      edit.$('form#claim-form')
        .find('input[name], select[name], textarea[name]')
        .each((_, el) => {
          const $el = edit.$(el);
          const name = $el.attr('name')!;
          if (el.tagName === 'textarea') fields.push([name, $el.text()]);
          else if (el.tagName === 'select') fields.push([name, $el.find('option[selected]').attr('value') ?? '']);
          else fields.push([name, $el.attr('value') ?? '']);
        });
      const changed = fields.map(([n, v]): [string, string] => [n, n === 'statement' ? `${v} (edited ${m} ${payload})` : n === 'comment' ? `edit ${m} ${payload}` : v]);
      await ok303(journalist.post(`/desk/claims/${r.a}`, changed), `edit A ${m}`);
      await look(editor, `/desk/review/${r.a}`);
      await look(editor, `/desk/review/${r.a}`, { hx: true });
      await ok303(
        editor.post(`/desk/review/${r.a}/publish`, { version: String(version('claims', r.a)), override_reason: `${m} ${payload}`, correction_note: `${m} correction ${payload}` }),
        `approve A ${m}`,
      );
    }
  });

  test('an archived capture of each source, pasted, and one uploaded as HTML (where the archive exists)', async (t) => {
    const probe = await editor.get(`/desk/sources/${made[0]!.source}/archive`);
    if (probe.status === 404) {
      t.diagnostic('no /desk/sources/:id/archive route: captures not tried');
      return;
    }
    for (const [i, payload] of PAYLOADS.entries()) {
      const page = await editor.post(`/desk/sources/${made[i]!.source}/archive`, { text: `${marker(i)} archived text\n\n${payload}\n\nThe end.` });
      assert.ok([303, 204].includes(page.status), `archive ${marker(i)} answered ${page.status}`);
    }
    const form = new FormData();
    form.append('text', '');
    form.append('file', new Blob([`<html><body><h1>Upload</h1>${PAYLOADS.join('\n<p>')}</body></html>`], { type: 'text/html' }), 'capture.html');
    const upload = await editor.request('POST', `/desk/sources/${made[1]!.source}/archive`, { body: form, headers: { Origin: server.url } });
    assert.ok([303, 204, 422].includes(upload.status), `HTML upload answered ${upload.status}`);
    inspect('archive upload answer', upload.body);
  });

  test('an admin invites users named with payloads', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const page = await admin.post('/desk/users', { email: `${marker(i)}@newsroom.test`, name: `${marker(i)} ${payload}`.slice(0, 200), role: 'journalist' });
      assert.equal(page.status, 201, `invite ${marker(i)} answered ${page.status}`);
      inspect(`invitation ${marker(i)}`, page.body);
    }
  });
});

describe('no payload runs anywhere it is shown', () => {
  test('every public page, crawled from /, and the story pages as htmx fragments', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/corrections', ...made.flatMap((r) => [`/claims/${r.a}`, `/claims/${r.c}`, `/stories/${r.storySlug}`])];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const page = await look(server.client(), path);
      page.$('a[href^="/"]').each((_, a) => {
        const href = page.$(a).attr('href')!.split('#')[0]!;
        if (!seen.has(href) && !href.startsWith('/assets/') && !href.startsWith('/desk') && !href.startsWith('/login')) queue.push(href);
      });
    }
    assert.ok(seen.size > PAYLOADS.length * 4, `only ${seen.size} public pages were reached`);
    for (const r of made) {
      await look(server.client(), `/stories/${r.storySlug}?party=${r.storySlug.replace('story', 'party')}&question=${r.storySlug.replace('story', 'question')}`, { hx: true });
      await look(server.client(), `/stories/${r.storySlug}/questions/${r.storySlug.replace('story', 'question')}`);
    }
    await look(server.client(), '/stories/taurus-leak/translations');
    // Search: hits highlight the stored payloads; what was typed, and filters it does not know, are echoed back.
    for (const [i, payload] of PAYLOADS.entries()) {
      await look(server.client(), `/search?q=${marker(i)}`);
      await look(server.client(), `/search?q=${marker(i)}`, { hx: true });
      const query = new URLSearchParams([['q', payload], ['party', payload], ['story', payload], ['from', payload], ['kind', payload]]).toString();
      await look(server.client(), `/search?${query}`);
      await look(server.client(), `/search?${query}`, { hx: true });
    }
    // Filter values the page does not know are echoed back (“ignored”): payloads there too.
    for (const payload of PAYLOADS) {
      const query = new URLSearchParams([['party', payload], ['question', payload]]).toString();
      await look(server.client(), `/stories/taurus-leak?${query}`);
      await look(server.client(), `/stories/taurus-leak?${query}`, { hx: true });
    }
  });

  test('plain-text fields come back on public pages as the text typed', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const r = made[i]!;
      const a = await server.client().get(`/claims/${r.a}`);
      showsText(a, '.claim-statement', `${m} statement ${payload}`, `/claims/${r.a}`);
      showsText(a, 'main', `${m} ${payload}`.slice(0, 300).trim(), `/claims/${r.a} venue`);
      showsText(a, 'main', `${m} note ${payload}`, `/claims/${r.a} stance note`);
      showsText(a, '.corrections', `${m} correction ${payload}`, `/claims/${r.a} correction`);
      const c = await server.client().get(`/claims/${r.c}`);
      showsText(c, 'main', `${m} rendering ${payload}`, `/claims/${r.c} rendering`);
      showsText(c, 'main', `${m} original ${payload}`, `/claims/${r.c} original`);
      const corrections = await server.client().get('/corrections');
      showsText(corrections, 'main', `${m} correction ${payload}`, '/corrections');
      const party = await server.client().get(`/parties/${slug(i, 'party')}`);
      assert.equal(party.status, 200, `/parties/${slug(i, 'party')}`);
      showsText(party, 'h1', `${m} ${payload}`.slice(0, 200), `/parties/${slug(i, 'party')} name`);
    }
  });

  test('the desk pages that show them: claim, edit form, history and diff, dashboard, lists, records, audit, users', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const m = marker(i);
      const r = made[i]!;
      for (const id of [r.a, r.b, r.c]) {
        await look(journalist, `/desk/claims/${id}`);
        await look(editor, `/desk/claims/${id}/history`);
        const latest = version('claims', id);
        await look(editor, `/desk/claims/${id}/history?from=1&to=${latest}`);
      }
      const form = await look(journalist, `/desk/claims/${r.b}/edit`);
      await look(journalist, `/desk/claims/${r.b}/edit`, { hx: true });
      // The edit form gives back exactly what was typed, in text areas and attribute values.
      assert.equal(form.$('textarea[name="statement"]').text(), `${m} statement ${payload}`, `${m}: statement round trip`);
      assert.equal(form.$('input[name="venue"]').val(), `${m} ${payload}`.slice(0, 300).trim(), `${m}: venue round trip`);
      assert.equal(form.$('textarea[name="stance_note"]').first().text() || form.$('input[name="stance_note"]').first().val(), `${m} note ${payload}`, `${m}: stance note round trip`);
      await look(journalist, `/desk/parties/${r.party}`);
      await look(editor, `/desk/parties/${r.party}/edit`);
      await look(journalist, `/desk/sources/${r.source}`);
      await look(editor, `/desk/sources/${r.source}/edit`);
      await look(editor, `/desk/stories/${r.story}`);
      await look(editor, `/desk/stories/${r.story}/edit`);
      await look(editor, `/desk/stories/${r.story}/questions/${r.question}`);
      const archive = await editor.get(`/desk/sources/${r.source}/archive`);
      if (archive.status !== 404) inspect(`/desk/sources/${r.source}/archive`, archive.body);
    }
    for (const [i, payload] of PAYLOADS.entries()) {
      await look(journalist, `/desk/search?q=${marker(i)}`);
      await look(journalist, `/desk/search?${new URLSearchParams([['q', payload], ['story', payload], ['rating', payload]])}`, { hx: true });
    }
    const dashboard = await look(journalist, '/desk');
    showsText(dashboard, 'main', `${marker(0)} ${PAYLOADS[0]}`, '/desk review note');
    for (const path of ['/desk/claims', '/desk/claims?state=published', '/desk/review', '/desk/parties', '/desk/sources', '/desk/stories', '/desk/audit']) await look(editor, path);
    await look(editor, `/desk/parties?q=${encodeURIComponent(PAYLOADS[1]!)}`);
    await look(admin, '/desk/users');
    const audit = await editor.get('/desk/audit');
    let older = audit.$('a[rel="next"]').attr('href');
    for (let n = 0; older && n < 20; n++) {
      const page = await look(editor, older);
      older = page.$('a[rel="next"]').attr('href');
    }
  });

  test('answers built from what was just sent: previews, a refused save, a conflict', async () => {
    for (const payload of PAYLOADS) {
      const preview = await journalist.post('/desk/claims/preview', { rating_explanation: payload }, { 'HX-Request': 'true' });
      assert.equal(preview.status, 200);
      inspect('/desk/claims/preview', `<div>${preview.body}</div>`);
      const story = await editor.post('/desk/stories/preview', { summary_md: payload }, { 'HX-Request': 'true' });
      assert.equal(story.status, 200);
      inspect('/desk/stories/preview', `<div>${story.body}</div>`);
    }
    // A refused save shows every field as typed, with the messages.
    const everything = PAYLOADS.join(' ');
    const refused = await journalist.post('/desk/claims', {
      story: '1',
      party: 'new',
      new_party_name: PAYLOADS[1]!,
      new_party_kind: PAYLOADS[2]!,
      statement: everything,
      form: PAYLOADS[3]!,
      type: PAYLOADS[4]!,
      said_on: PAYLOADS[5]!,
      date_precision: PAYLOADS[6]!,
      venue: PAYLOADS[7]!,
      rating: PAYLOADS[8]!,
      rating_explanation: everything,
      stance_question: [PAYLOADS[9]!],
      stance_position: [PAYLOADS[10]!],
      stance_note: [PAYLOADS[11]!],
      citation_source: ['new'],
      citation_role: [PAYLOADS[12]!],
      citation_passage: [PAYLOADS[13]!],
      new_source_title: PAYLOADS[14]!,
      new_source_publisher: PAYLOADS[15]!,
      new_source_kind: PAYLOADS[16]!,
      comment: PAYLOADS[17]!,
      intent: 'preview',
    });
    assert.equal(refused.status, 200, 'the preview intent re-renders the form');
    inspect('claim form, preview intent', refused.body);
    const invalid = await journalist.post('/desk/claims', { story: PAYLOADS[0]!, statement: everything, venue: PAYLOADS[1]!, said_on: PAYLOADS[2]!, comment: PAYLOADS[3]! }, { 'HX-Request': 'true' });
    assert.equal(invalid.status, 422);
    inspect('claim form, 422 fragment', invalid.body);
    assert.equal(invalid.$('textarea[name="statement"]').text(), everything.trim());
    for (const [path, fields] of [
      ['/desk/parties', { name: everything.slice(0, 300), slug: PAYLOADS[0]!, kind: PAYLOADS[1]!, description: everything, aliases: everything, role_title: PAYLOADS[2]!, role_from: PAYLOADS[3]! }],
      ['/desk/sources', { title: '', publisher: PAYLOADS[0]!, url: PAYLOADS[2]!, published_on: PAYLOADS[3]!, kind: PAYLOADS[4]!, description: everything }],
      ['/desk/stories', { title: PAYLOADS[0]!, slug: PAYLOADS[1]!, summary_md: everything, starts_on: PAYLOADS[2]! }],
      ['/desk/users', { email: PAYLOADS[0]!, name: PAYLOADS[1]!, role: PAYLOADS[2]! }],
    ] as const) {
      const client = path === '/desk/users' ? admin : editor;
      const page = await client.post(path, fields);
      assert.equal(page.status, 422, `${path} with payloads answered ${page.status}`);
      inspect(`${path} 422`, page.body);
    }
    // Two people on one claim: the second save shows the first one's payloads beside their own.
    const r = made[0]!;
    const v = String(version('claims', r.b));
    const base = await journalist.get(`/desk/claims/${r.b}/edit`);
    const fields: [string, string][] = [];
    base.$('form#claim-form')
      .find('input[name], select[name], textarea[name]')
      .each((_, el) => {
        const $el = base.$(el);
        const name = $el.attr('name')!;
        fields.push([name, el.tagName === 'textarea' ? $el.text() : el.tagName === 'select' ? ($el.find('option[selected]').attr('value') ?? '') : ($el.attr('value') ?? '')]);
      });
    const withVenue = (venue: string) => fields.map(([n, value]): [string, string] => [n, n === 'venue' ? venue : n === 'version' ? v : value]);
    await ok303(journalist.post(`/desk/claims/${r.b}`, withVenue(PAYLOADS[1]!)), 'first save');
    const conflict = await journalist.post(`/desk/claims/${r.b}`, withVenue(PAYLOADS[9]!));
    assert.equal(conflict.status, 409);
    inspect('claim conflict (409)', conflict.body);
  });

  test('nothing from user input survived as markup', () => {
    assert.ok(checked.size > PAYLOADS.length * 10, `only ${checked.size} pages checked`);
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
  });

  test('no user text is put into an htmx attribute, not even data-hx-confirm', () => {
    // htmx 2 passes hx-confirm to window.confirm() as text, so this is not script injection today;
    // but a user's name inside an htmx attribute turns into HTML the day a custom htmx:confirm
    // dialog renders the question, and it lets a crafted name reword the admin's confirmation.
    assert.deepEqual(confirmProblems.slice(0, 5), [], `${confirmProblems.length} htmx attributes carry user text`);
  });
});

// The retraction comes last, so that the claim was on the public listings first.
describe('retraction notes', () => {
  test('an editor retracts claims with payload notes; the permalink and /corrections show them inert', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const r = made[i]!;
      await ok303(editor.post(`/desk/review/${r.c}/retract`, { version: String(version('claims', r.c)), retraction_note: `${marker(i)} retraction ${payload}` }), `retract ${marker(i)}`);
    }
    const corrections = await look(server.client(), '/corrections');
    for (const [i, payload] of PAYLOADS.entries()) {
      const page = await look(server.client(), `/claims/${made[i]!.c}`);
      showsText(page, '.retraction', `${marker(i)} retraction ${payload}`, `/claims/${made[i]!.c}`);
      showsText(corrections, 'main', `${marker(i)} retraction ${payload}`, '/corrections');
      await look(editor, `/desk/claims/${made[i]!.c}`);
    }
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
  });
});
