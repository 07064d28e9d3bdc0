/**
 * A story's published claims as data, over real HTTP: the JSON has every published claim (and no
 * draft) with its stances and sources; the CSV is one row per claim that a spreadsheet reads back
 * as the same cells, never running a statement as a formula.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { toCsv, type StoryExport } from '../../src/stories/export.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ env: { PUBLIC_ORIGIN: 'https://claims.example.org' } });
});
after(() => server.stop());

const published = () => server.db.$client.prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get() as number;

/** A small RFC 4180 reader, as a spreadsheet would read the file. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

test('the story page links to its data, and the JSON holds every published claim with stances and sources', async () => {
  const page = await server.client().get('/stories/taurus-leak');
  assert.equal(page.$('a[href="/stories/taurus-leak/claims.csv"]').length, 1);
  assert.equal(page.$('a[href="/stories/taurus-leak/claims.json"]').length, 1);
  const response = await fetch(`${server.url}/stories/taurus-leak/claims.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const data = (await response.json()) as StoryExport;
  assert.equal(data.story.url, 'https://claims.example.org/stories/taurus-leak');
  assert.equal(data.claims.length, published());
  const peskov = data.claims.find((c) => c.speaker.slug === 'dmitry-peskov')!;
  assert.equal(peskov.url, `https://claims.example.org/claims/${peskov.id}`);
  assert.ok(peskov.stances.length > 0 && peskov.stances.every((s) => s.question && s.position));
  assert.ok(peskov.sources.length > 0 && peskov.sources.every((s) => s.title && s.publisher));
  // Issue 14: the language it was said in, and its renderings with who translated them.
  assert.equal(peskov.language, 'ru');
  assert.equal(peskov.original, '');
  assert.deepEqual(
    peskov.renderings.map((r) => [r.language, r.source?.publisher, r.translatedBy, r.text === peskov.statement]),
    [['en', 'The Independent', 'outlet', true]],
  );
  assert.ok(data.claims.every((c) => c.renderings.length >= 1 && c.renderings[0]!.text === c.statement));
  assert.equal((await fetch(`${server.url}/stories/no-such-story/claims.json`)).status, 404);
});

test('the CSV reads back as one row per published claim; drafts never appear', async () => {
  const draftStatement = 'DRAFT-ONLY words nobody may export';
  server.db.$client
    .prepare("INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (1, 1, ?, 'paraphrase', 'factual', '2024-03-05', 'day', 'draft')")
    .run(draftStatement);
  const response = await fetch(`${server.url}/stories/taurus-leak/claims.csv`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
  const text = await response.text();
  assert.doesNotMatch(text, /DRAFT-ONLY/);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['id', 'url', 'speaker', 'statement', 'form', 'type', 'said_on', 'date_precision', 'venue', 'rating', 'stances', 'sources', 'language', 'original', 'renderings']);
  assert.equal(rows.length - 1, published());
  assert.ok(rows.slice(1).every((r) => r.length === rows[0]!.length), 'every row has every column');
  const json = (await (await fetch(`${server.url}/stories/taurus-leak/claims.json`)).json()) as StoryExport;
  assert.deepEqual(
    rows.slice(1).map((r) => r[3]),
    json.claims.map((c) => c.statement),
    'statements survive quotes, commas and line breaks',
  );
});

test('a statement a spreadsheet would run as a formula is written as text', () => {
  const claim = { id: 1, url: '/claims/1', speaker: { slug: 'a', name: 'A' }, form: 'verbatim', type: 'factual', saidOn: '2024-03-05', datePrecision: 'day', venue: '', rating: 'unrated', stances: [], sources: [], language: null, original: '', renderings: [], renderingsDiffer: false };
  const csv = toCsv({
    story: { slug: 's', title: 'S', url: '/stories/s' },
    claims: [
      { ...claim, statement: '=HYPERLINK("http://evil.example","click")' },
      { ...claim, statement: '+1 and "quoted", with a comma\nand a line' },
    ],
  });
  const rows = parseCsv(csv);
  assert.equal(rows[1]![3], '\'=HYPERLINK("http://evil.example","click")');
  assert.equal(rows[2]![3], '\'+1 and "quoted", with a comma\nand a line');
});

test('every cell a spreadsheet could split on (, ; tab " CR LF) is quoted, and formula starts are neutralised', () => {
  const claim = { id: 1, url: '/claims/1', speaker: { slug: 'a', name: 'A' }, form: 'verbatim', type: 'factual', saidOn: '2024-03-05', datePrecision: 'day', venue: '', rating: 'unrated', stances: [], sources: [], language: null, original: '', renderings: [], renderingsDiffer: false };
  const csv = toCsv({
    story: { slug: 's', title: 'S', url: '/stories/s' },
    claims: [
      { ...claim, statement: 'a;=1+1' },
      { ...claim, statement: 'tab\there' },
      { ...claim, statement: '@SUM(A1)' },
      { ...claim, statement: '-2+3' },
      { ...claim, statement: '\tlead' },
    ],
  });
  const lines = csv.split('\r\n');
  assert.ok(lines[1]!.includes(',"a;=1+1",'), lines[1]);
  assert.ok(lines[2]!.includes(',"tab\there",'), lines[2]);
  const rows = parseCsv(csv);
  assert.equal(rows[1]![3], 'a;=1+1');
  assert.equal(rows[3]![3], "'@SUM(A1)");
  assert.equal(rows[4]![3], "'-2+3");
  assert.equal(rows[5]![3], "'\tlead");
});
