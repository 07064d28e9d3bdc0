/**
 * The spreadsheet import: Excel- and Sheets-style CSVs (BOM, `;`, quoted newlines), the preview
 * (mapping, speakers, row errors by row and column) writing nothing, the confirm importing the
 * valid rows as drafts in one transaction, and a failed import leaving the database untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importPlan, planImport, readSheet, guessMapping } from '../../src/claims/spreadsheet-import.js';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';

let server: TestServer;
let journalist: Client & { userId: number };
let storyId: number;

const counts = () =>
  server.db.$client.prepare('SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM parties) AS parties, (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM revisions) AS revisions').get() as { claims: number; parties: number; sources: number; revisions: number };

function upload(client: Client, csv: string | Uint8Array<ArrayBuffer>, story = String(storyId)) {
  const form = new FormData();
  form.set('story', story);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'log.csv');
  return client.request('POST', '/desk/import/preview', { body: form, headers: { Origin: client.base } });
}

// Excel in a German locale: BOM, semicolons, a statement with a newline and a quote inside.
const EXCEL = '\uFEFFWer;Aussage;Datum;Anlass;Source URL;Form\r\n' +
  'Boris Pistorius;"We will clear this up.\r\nAll of it, ""fully"".";04.03.2024;Press conference;https://www.example.org/a;verbatim\r\n' +
  'Mr Pistorius;Said the leak was a hybrid attack;2024-03-03;Interview;https://www.example.org/a;paraphrase\r\n' +
  'Jane Newcomer;Nothing to add;31.02.2024;;;declined\r\n' +
  ';Statement without a speaker;2024-03-05;;not a url;\r\n' +
  'Jane Newcomer;A second claim by a new speaker;2024-03-06;Radio;;whispered\r\n' +
  'Jane Newcomer;The third one is fine;2024-03-07;Radio;https://news.example.com/x;\r\n';

before(async () => {
  server = await startTestServer();
  journalist = await server.signIn('journalist');
  storyId = (server.db.$client.prepare('SELECT id FROM stories LIMIT 1').get() as { id: number }).id;
});
after(() => server.stop());

describe('reading the file', () => {
  it('reads Sheets-style commas and Excel-style semicolons with a BOM and quoted newlines', () => {
    const excel = readSheet(new TextEncoder().encode(EXCEL));
    assert.equal(excel.delimiter, ';');
    assert.equal(excel.headers[0], 'Wer');
    assert.equal(excel.rows.length, 6);
    assert.equal(excel.rows[0]![1], 'We will clear this up.\nAll of it, "fully".');
    const sheets = readSheet('speaker,statement,date\n"Boris Pistorius","One, two",2024-03-04\n');
    assert.equal(sheets.delimiter, ',');
    assert.deepEqual(sheets.rows[0], ['Boris Pistorius', 'One, two', '2024-03-04']);
    assert.deepEqual(guessMapping(['Speaker', 'Statement', 'Date', 'Source URL']), { speaker: 0, statement: 1, date: 2, source_url: 3 });
  });

  it('refuses a file that is not UTF-8 CSV with a clear message', () => {
    assert.throws(() => readSheet(new Uint8Array([0x73, 0x70, 0xff, 0xfe, 0x0a])), /not UTF-8/);
    assert.throws(() => readSheet(''), /empty/);
    assert.throws(() => readSheet('speaker,statement,date\n'), /no rows/);
    assert.throws(() => readSheet('a,b\n"unterminated,x\n'), /could not be read as CSV/);
  });
});

describe('the preview', () => {
  it('maps columns, resolves speakers, names each bad row and column, and writes nothing', async () => {
    const before = counts();
    const page = await upload(journalist, EXCEL);
    assert.equal(page.status, 200, page.body.slice(0, 500));
    assert.deepEqual(counts(), before, 'a preview writes nothing');
    const $ = page.$;
    assert.equal($('[data-valid]').attr('data-valid'), '3');
    assert.equal($('[data-invalid]').attr('data-invalid'), '3');
    const problems = $('.import-errors li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get();
    assert.ok(problems.some((p) => /^Row 4, column C “Datum”: This date does not exist\./.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^Row 5, column A “Wer”: .*speaker is empty/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^Row 5, column E “Source URL”: .*not a web address/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^Row 6, column F “Form”: “whispered” is not a form/.test(p)), problems.join('\n'));
    // "Mr Pistorius" is an alias of an existing party; Jane Newcomer is proposed as new.
    assert.match($('tr[data-row="3"]').text(), /Boris Pistorius/);
    assert.match($('#new-parties').parent().text(), /Jane Newcomer/);
    assert.equal($('select[name="map_speaker"] option[selected]').attr('value'), '0');
    assert.equal($('select[name="map_date"] option[selected]').attr('value'), '2');
    assert.equal($('button[formaction="/desk/import/confirm"]').length, 1);
  });

  it('re-previews with a changed mapping from the carried text, still writing nothing', async () => {
    const before = counts();
    const page = await journalist.post('/desk/import/preview', {
      story: String(storyId),
      csv: 'a,b,c\nBoris Pistorius,2024-03-04,Hello\n',
      map_speaker: '0',
      map_statement: '2',
      map_date: '1',
    });
    assert.equal(page.status, 200);
    assert.equal(page.$('[data-valid]').attr('data-valid'), '1');
    assert.deepEqual(counts(), before);
    const clash = await journalist.post('/desk/import/preview', { story: String(storyId), csv: 'a,b\nx,2024-03-04\n', map_speaker: '0', map_statement: '0', map_date: '1' });
    assert.match(clash.$('#error-summary').text(), /Column A is chosen for both/);
  });

  it('answers a bad file with the upload page and a clear message', async () => {
    const page = await upload(journalist, new Uint8Array([0x61, 0x2c, 0xff, 0x0a, 0x62]));
    assert.equal(page.status, 400);
    assert.match(page.$('#error-summary').text(), /not UTF-8/);
  });

  it('is a desk form: signed-in users only, and cross-site posts are refused', async () => {
    const anonymous = await server.client().get('/desk/import');
    assert.equal(anonymous.status, 303);
    const before = counts();
    const forged = await journalist.post('/desk/import/confirm', { story: String(storyId), csv: 'speaker,statement,date\nX,Y,2024-03-04\n' }, { Origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    assert.deepEqual(counts(), before);
  });
});

describe('confirming', () => {
  it('imports the valid rows as drafts, with the new parties and sources, in one go', async () => {
    const before = counts();
    const preview = await upload(journalist, EXCEL);
    const csv = preview.$('textarea[name="csv"]').text();
    const fields: [string, string][] = [['story', String(storyId)], ['csv', csv]];
    preview.$('select[name^="map_"]').each((_, el) => {
      fields.push([preview.$(el).attr('name')!, preview.$(el).find('option[selected]').attr('value') ?? '']);
    });
    // As the browser sends it: the preview form is multipart.
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    const done = await journalist.request('POST', '/desk/import/confirm', { body, headers: { Origin: journalist.base } });
    assert.equal(done.status, 200, done.body.slice(0, 400));
    assert.match(done.$('[role="status"]').text(), /Imported 3 claims .* with 1 new parties and 2 new sources/);
    const after = counts();
    assert.equal(after.claims, before.claims + 3);
    assert.equal(after.parties, before.parties + 1);
    assert.equal(after.sources, before.sources + 2);
    const imported = server.db.$client
      .prepare("SELECT c.statement, c.state, c.form, c.said_on, p.name, c.author_id FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id > (SELECT max(id) - 3 FROM claims) ORDER BY c.id")
      .all() as { statement: string; state: string; form: string; said_on: string; name: string; author_id: number }[];
    assert.ok(imported.every((c) => c.state === 'draft' && c.author_id === journalist.userId));
    assert.equal(imported[0]!.statement, 'We will clear this up.\nAll of it, "fully".');
    assert.equal(imported[0]!.said_on, '2024-03-04');
    assert.equal(imported[0]!.name, 'Boris Pistorius');
    assert.equal(imported[1]!.name, 'Boris Pistorius', 'an alias resolves to the party');
    assert.equal(imported[2]!.name, 'Jane Newcomer');
    const source = server.db.$client.prepare("SELECT publisher, url, kind FROM sources WHERE url = 'https://www.example.org/a'").all();
    assert.deepEqual(source, [{ publisher: 'example.org', url: 'https://www.example.org/a', kind: 'news_report' }], 'one source for two rows citing one address');
    // Drafts: the public site does not show them.
    const home = await server.client().get('/');
    assert.doesNotMatch(home.body, /Jane Newcomer/);
  });

  it('writes nothing when any row fails during the import', () => {
    const sheet = readSheet('speaker,statement,date\nNew Person One,First fine claim,2024-03-04\nNew Person Two,Second,2024-03-05\n');
    const plan = planImport(server.db, sheet, guessMapping(sheet.headers), storyId);
    assert.equal(plan.valid, 2);
    // The second row breaks a database rule half-way through (a blank statement): the first must not stay.
    plan.rows[1]!.claim!.statement = '   ';
    const before = counts();
    assert.throws(() => importPlan(server.db, { id: journalist.userId, role: 'journalist' }, plan));
    assert.deepEqual(counts(), before);
    assert.equal((server.db.$client.prepare("SELECT count(*) AS n FROM parties WHERE name = 'New Person One'").get() as { n: number }).n, 0);
  });
});
