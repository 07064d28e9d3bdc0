/**
 * Archived sources over real HTTP: capture and re-capture (hash, diff, furniture), bad uploads
 * refused with nothing stored, quote checks rerun when the text changes, readers told whether a
 * quote is verified, and suggestions turned into drafts in one click.
 */
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ARTICLE_FILE, readArchivedFile } from '../../fixtures/taurus-leak.js';
import { htmlToText, markdownToText, readUpload } from '../../src/sources/archive.js';
import { startTestServer, type Client, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const sql = () => server.db.$client;
const article = readArchivedFile(ARTICLE_FILE);
const snapshotCount = (sourceId: number) => sql().prepare('SELECT count(*) FROM source_snapshots WHERE source_id = ?').pluck().get(sourceId) as number;

/** A multipart upload, as a browser sends the archive form. */
function upload(client: Client, sourceId: number, file: { name: string; bytes: Uint8Array<ArrayBuffer> } | null, text = '') {
  const body = new FormData();
  body.set('text', text);
  if (file) body.set('file', new Blob([file.bytes]), file.name);
  return client.request('POST', `/desk/sources/${sourceId}/archive`, { body, headers: { Origin: client.base } });
}

describe('reading uploads', () => {
  test('HTML becomes paragraphs of text; scripts, styles and navigation are dropped; entities decoded', () => {
    const text = htmlToText(
      '<html><head><style>p{}</style><script>alert(1)</script></head><body><nav>Home | News</nav><h1>Title</h1><p>First &amp; <em>second</em>.</p><div>Third<br>line</div></body></html>',
    );
    assert.equal(text, 'Title\nFirst & second.\nThird\nline');
  });

  test('Markdown loses its markers, keeps its words', () => {
    assert.equal(markdownToText('# Head\n\nSome **bold** and [a link](https://x.org).\n\n- item'), 'Head\n\nSome bold and a link.\n\nitem');
  });

  test('binary, empty, too large, non-UTF-8 and unknown kinds are refused with a clear message', () => {
    assert.throws(() => readUpload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]), 'a.txt'), /not text/);
    assert.throws(() => readUpload(new Uint8Array(), 'a.txt'), /empty/);
    assert.throws(() => readUpload(new Uint8Array(1024 * 1024).fill(65), 'a.txt'), /larger than/);
    assert.throws(() => readUpload(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'latin1.txt'), /not UTF-8/);
    assert.throws(() => readUpload(new TextEncoder().encode('hello'), 'a.pdf'), /\.txt, \.html or \.md/);
    assert.equal(readUpload(new TextEncoder().encode('\uFEFFhello'), 'a.txt').text, 'hello', 'a byte-order mark is not text');
  });
});

describe('capturing a source', () => {
  test('a re-capture is a new snapshot with its hash; the silent edit shows as a diff and breaks the quote check', async () => {
    const editor = await server.signIn('editor');
    const claimId = sql().prepare("SELECT id FROM claims WHERE statement = 'Our communication systems have not been compromised'").pluck().get() as number;
    const outcome = () =>
      sql()
        .prepare("SELECT q.outcome FROM quote_checks q JOIN citations c ON c.id = q.citation_id WHERE c.claim_id = ? AND c.source_id = 1")
        .pluck()
        .get(claimId);
    assert.equal(outcome(), 'exact');
    assert.match((await fetch(`${server.url}/claims/${claimId}`).then((r) => r.text())), /Quote verified against The Independent, 5 March 2024/);

    const edited = article.replace('have not been compromised', 'have never been seriously compromised');
    const before = snapshotCount(1);
    const page = await upload(editor, 1, { name: 'independent.txt', bytes: new TextEncoder().encode(edited) });
    assert.equal(page.status, 303, page.body.slice(0, 300));
    assert.equal(snapshotCount(1), before + 1);
    const latest = sql().prepare('SELECT * FROM source_snapshots WHERE source_id = 1 ORDER BY id DESC LIMIT 1').get() as Record<string, string>;
    assert.equal(latest.sha256, createHash('sha256').update(latest.text!).digest('hex'));
    assert.equal(latest.origin, 'txt');
    assert.equal(latest.filename, 'independent.txt');
    const furniture = JSON.parse(latest.furniture!) as { reason: string }[];
    assert.ok(furniture.some((f) => f.reason === 'donation_appeal'));
    assert.ok(furniture.some((f) => f.reason === 'comments'));

    const archive = await editor.get('/desk/sources/1/archive');
    assert.match(archive.$('.paragraph-diff del').text(), /not/);
    assert.match(archive.$('.paragraph-diff ins').text(), /never/);

    assert.equal(outcome(), 'altered', 'the quote check reran in the capture’s transaction');
    const publicPage = await fetch(`${server.url}/claims/${claimId}`).then((r) => r.text());
    assert.match(publicPage, /Quote not confirmed by The Independent/);
    // Which words differ, for readers and for the editor: the quote's “not” where the source now says “never”, and no “seriously”.
    assert.match(cheerio.load(publicPage)('.quote-check').text().replace(/\s+/g, ' '), /altered quote: “not” for “never”; leaves out “seriously”, in our archived copy/);
    const review = await editor.get(`/desk/review/${claimId}`);
    const item = review.$('.checklist li[data-item="quote-verified"]');
    assert.equal(item.attr('data-ok'), 'no');
    assert.match(item.text(), /The Independent: altered quote \(“not” for “never”; leaves out “seriously”\)/);

    // Capturing the original again restores the check.
    assert.equal((await upload(editor, 1, null, article)).status, 303);
    assert.equal(outcome(), 'exact');
  });

  test('bad captures answer 422 and store nothing', async () => {
    const editor = await server.signIn('editor');
    const before = snapshotCount(1);
    for (const file of [
      { name: 'photo.txt', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]) },
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'old.txt', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) },
      { name: 'report.pdf', bytes: new TextEncoder().encode('%PDF-1.4') },
    ]) {
      const page = await upload(editor, 1, file);
      assert.equal(page.status, file.bytes.length === 0 ? 422 : 422, file.name);
      assert.ok(page.$('.error-summary').text().length > 0, file.name);
    }
    assert.equal((await upload(editor, 1, null, '   ')).status, 422);
    assert.equal(snapshotCount(1), before);
    const tooLarge = await upload(editor, 1, { name: 'big.txt', bytes: new Uint8Array(1100 * 1024).fill(65) });
    assert.equal(tooLarge.status, 413);
    assert.equal(snapshotCount(1), before);
  });

  test('a journalist may archive a source nobody reads yet, but not re-capture a public one', async () => {
    const journalist = await server.signIn('journalist');
    const fresh = Number(sql().prepare("INSERT INTO sources (title, publisher, kind) VALUES ('Wire copy', 'Wire', 'news_report')").run().lastInsertRowid);
    assert.equal((await upload(journalist, fresh, null, 'Some wire text.')).status, 303);
    assert.equal(snapshotCount(fresh), 1);
    const before = snapshotCount(1);
    assert.equal((await upload(journalist, 1, null, 'Overwritten.')).status, 403);
    assert.equal(snapshotCount(1), before);
  });
});

describe('the public source page', () => {
  test('shows the archived text with cited passages highlighted and linked, and furniture set aside', async () => {
    const body = await fetch(`${server.url}/sources/1`).then((r) => r.text());
    const $ = (await import('cheerio')).load(body);
    const marked = $('.archived-text mark').text();
    assert.match(marked, /I will not sacrifice any of my best officers/);
    assert.ok($('.archived-text sup.cited-by a[href^="/claims/"]').length >= 25);
    assert.match($('.archived-text .furniture').first().text(), /Your support helps us to tell the story/);
  });
});

describe('suggestions', () => {
  test('the seed article’s statements are marked as already recorded, not proposed again', async () => {
    const journalist = await server.signIn('journalist');
    const page = await journalist.get('/desk/sources/1/suggest');
    assert.equal(page.status, 200);
    const items = page.$('li[data-suggestion]');
    assert.ok(items.length >= 25);
    const duplicates = page.$('li[data-suggestion][data-duplicate!=""]').length;
    assert.ok(duplicates >= 25, `${duplicates} marked as duplicates`);
  });

  test('a new article’s suggestion becomes a draft with citation, passage, form and date in one click', async () => {
    const journalist = await server.signIn('journalist');
    const sourceId = Number(
      sql().prepare("INSERT INTO sources (title, publisher, kind, published_on) VALUES ('Follow-up', 'The Courier', 'news_report', '2024-03-07')").run().lastInsertRowid,
    );
    const text = [
      'Germany’s defence minister faced more questions on Thursday.',
      '“We have closed the gap in our procedures,” Mr Pistorius said on Wednesday.',
      'An opposition spokesman, Karl Weber, said the minister had acted too late.',
    ].join('\n');
    assert.equal((await upload(journalist, sourceId, null, text)).status, 303);
    const page = await journalist.get(`/desk/sources/${sourceId}/suggest?story=1`);
    const item = page.$('li[data-suggestion]').filter((_, li) => page.$(li).find('.suggested-statement').text().includes('closed the gap'));
    assert.equal(item.length, 1);
    assert.equal(item.attr('data-duplicate'), '');
    const fields = Object.fromEntries(
      item
        .find('form input[type="hidden"]')
        .map((_, input) => [[page.$(input).attr('name')!, page.$(input).val() as string]])
        .get() as [string, string][],
    );
    const created = await journalist.post(`/desk/sources/${sourceId}/suggest`, fields);
    assert.equal(created.status, 303);
    const claimId = Number(/\/desk\/claims\/(\d+)\/edit/.exec(created.location ?? '')?.[1]);
    const claim = sql().prepare('SELECT c.*, p.slug FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = ?').get(claimId) as Record<string, string>;
    assert.equal(claim.slug, 'boris-pistorius');
    assert.equal(claim.statement, 'We have closed the gap in our procedures');
    assert.equal(claim.form, 'verbatim');
    assert.equal(claim.said_on, '2024-03-06');
    assert.equal(claim.date_precision, 'day');
    assert.equal(claim.state, 'draft');
    const citation = sql().prepare('SELECT * FROM citations WHERE claim_id = ?').get(claimId) as Record<string, string>;
    assert.equal(Number(citation.source_id), sourceId);
    assert.match(citation.passage!, /closed the gap/);
    const check = sql().prepare('SELECT q.outcome FROM quote_checks q JOIN citations c ON c.id = q.citation_id WHERE c.claim_id = ?').pluck().get(claimId);
    assert.ok(check === 'exact' || check === 'normalised', `quote check: ${check}`);

    const again = await journalist.get(`/desk/sources/${sourceId}/suggest?story=1`);
    const now = again.$('li[data-suggestion]').filter((_, li) => again.$(li).find('.suggested-statement').text().includes('closed the gap'));
    assert.equal(now.attr('data-duplicate'), String(claimId), 'the drafted suggestion is now marked as recorded');
  });

  test('npm run eval:suggest reaches the targets on the seed article', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eval-suggest.ts'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    // The last line is overall; the seed article has a line of its own (issue 13's format).
    assert.match(result.stdout, /\nprecision=[\d.]+ recall=[\d.]+ speaker=[\d.]+\s*$/, result.stdout);
    const seed = /^seed article .* precision=([\d.]+) recall=([\d.]+) speaker=([\d.]+)/m.exec(result.stdout);
    assert.ok(seed, result.stdout);
    assert.ok(Number(seed[1]) >= 0.95, `precision ${seed[1]}`);
    assert.ok(Number(seed[2]) >= 0.9, `recall ${seed[2]}`);
  });
});

describe('a refused capture gives back what was pasted', () => {
  test('text and a file together: 422, the pasted text kept in the box, nothing archived; a capture that goes through says so', async () => {
    const editor = await server.signIn('editor');
    const before = snapshotCount(1);
    const pasted = 'A long paste the journalist does not want to type again.\nSecond paragraph.';
    const page = await upload(editor, 1, { name: 'article.html', bytes: new TextEncoder().encode('<p>Other text</p>') }, pasted);
    assert.equal(page.status, 422);
    assert.match(page.$('.error-summary, [role=alert]').first().text(), /not both/);
    assert.equal(page.$('textarea[name=text]').text(), pasted);
    assert.equal(snapshotCount(1), before);

    const unreadable = await upload(editor, 1, { name: 'scan.pdf', bytes: new TextEncoder().encode('%PDF-1.7') }, '');
    assert.equal(unreadable.status, 422);
    assert.equal(snapshotCount(1), before);

    const saved = await upload(editor, 1, null, 'A fresh capture of the article.');
    assert.equal(saved.status, 303);
    const archive = await editor.follow(saved);
    assert.match(archive.$('[role=status]').text(), /Archived/);
    assert.equal(snapshotCount(1), before + 1);
  });
});
