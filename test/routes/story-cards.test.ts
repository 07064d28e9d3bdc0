/**
 * The story page draws the narrative matrix twice, as question cards for a phone and as a table
 * for a desktop: both must say the same thing. Parsed from the HTML: the same questions, the same
 * (party, claim, position) entries in each, the same "+ n more" links, and the cards name as
 * silent exactly the parties whose cells are empty.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { bumpPublicationGeneration } from '../../src/db.js';
import { startTestServer, type TestServer } from '../helpers/app.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

async function page(path: string) {
  const response = await fetch(server.url + path);
  assert.equal(response.status, 200);
  return cheerio.load(await response.text());
}

type Reading = { questions: string[]; entries: string[]; more: string[]; silent: string[] };

function readTable($: cheerio.CheerioAPI): Reading {
  const reading: Reading = { questions: [], entries: [], more: [], silent: [] };
  $('table.matrix tbody tr[data-question]').each((_, tr) => {
    const q = $(tr).attr('data-question')!;
    reading.questions.push(q);
    $(tr).find('td[data-party]').each((_, td) => {
      const p = $(td).attr('data-party')!;
      const entries = $(td).find('li[data-claim]');
      if (entries.length === 0) reading.silent.push(`${q} ${p}`);
      entries.each((_, li) => void reading.entries.push(`${q} ${p} ${$(li).attr('data-claim')} ${$(li).attr('data-position')}`));
      $(td).find('a.more-entries').each((_, a) => void reading.more.push(`${q} ${p} ${$(a).text().trim()} ${$(a).attr('href')}`));
    });
  });
  return reading;
}

function readCards($: cheerio.CheerioAPI): Reading {
  const reading: Reading = { questions: [], entries: [], more: [], silent: [] };
  $('.question-cards .question-card[data-question]').each((_, card) => {
    const q = $(card).attr('data-question')!;
    reading.questions.push(q);
    $(card).find('.position-group[data-position]').each((_, group) => {
      const position = $(group).attr('data-position');
      $(group).find('li[data-party]').each((_, li) => {
        assert.equal($(li).attr('data-position'), position, 'an entry sits under its own position');
        const p = $(li).attr('data-party')!;
        reading.entries.push(`${q} ${p} ${$(li).attr('data-claim')} ${position}`);
        $(li).find('a.more-entries').each((_, a) => void reading.more.push(`${q} ${p} ${$(a).text().trim()} ${$(a).attr('href')}`));
      });
    });
    $(card).find('.silent-parties [data-party]').each((_, span) => void reading.silent.push(`${q} ${$(span).attr('data-party')}`));
  });
  return reading;
}

const sorted = (r: Reading) => ({ questions: r.questions, entries: [...r.entries].sort(), more: [...r.more].sort(), silent: [...r.silent].sort() });

describe('question cards and the matrix', () => {
  for (const path of [
    '/stories/taurus-leak',
    '/stories/taurus-leak?party=boris-pistorius&party=downing-street',
    '/stories/taurus-leak?question=british-personnel-on-the-ground&question=officers-should-be-punished',
  ]) {
    test(`say the same thing: ${path}`, async () => {
      const $ = await page(path);
      const table = readTable($);
      const cards = readCards($);
      assert.ok(table.entries.length > 0, 'the matrix has entries');
      assert.deepEqual(sorted(cards), sorted(table));
    });
  }

  test('a card groups the parties by position, in the order asserts, denies, qualifies, declines', async () => {
    const $ = await page('/stories/taurus-leak');
    const card = $('.question-card[data-question="british-personnel-on-the-ground"]');
    assert.deepEqual(card.find('.position-group').map((_, g) => $(g).attr('data-position')).get(), ['asserts', 'qualifies', 'declines']);
    const entry = card.find('.position-group[data-position="asserts"] li').first();
    assert.equal(entry.attr('data-party'), 'ingo-gerhartz');
    assert.match(entry.find('.statement').text(), /^I know how the English do it/);
    assert.equal(entry.find('time').attr('datetime'), '2024-02-20');
    assert.match(entry.find('a[href^="/claims/"]').attr('href')!, /^\/claims\/\d+$/);
    // Parties with no claim on it are named in one line, not drawn as empty cells.
    assert.match(card.find('.silent-parties').text(), /^No claim on this from: Boris Pistorius, .*\.$/);
  });

  test('columns follow centrality: most claims first, then the editor’s order', async () => {
    const $ = await page('/stories/taurus-leak');
    const columns = $('table.matrix thead th[data-party]').map((_, th) => $(th).attr('data-party')).get();
    // 14 claims, 6 (Downing Street), then 3 each in cast order (Dannatt, Gerhartz), 2 each (Ellwood, Hanning), 1.
    assert.deepEqual(columns, ['boris-pistorius', 'downing-street', 'richard-dannatt', 'ingo-gerhartz', 'tobias-ellwood', 'august-hanning', 'dmitry-peskov']);
  });

  test('the filter’s question labels use the rows’ wording', async () => {
    const $ = await page('/stories/taurus-leak');
    const labels = $('form.matrix-filter input[name=question]').map((_, input) => $(input).parent('label').text().trim()).get();
    const rows = $('table.matrix tbody th[scope=row] > a').map((_, a) => $(a).text().trim()).get();
    assert.deepEqual(labels, rows);
  });
});

describe('a story’s date range', () => {
  test('follows its published claims, unless an editor fixes the end', async () => {
    const sql = server.db.$client;
    const meta = async () => (await page('/stories/taurus-leak'))('.story > p.meta').first().text();
    assert.match(await meta(), /^20 February 2024 to 5 March 2024 · 31 published claims/);
    // A draft said later changes nothing; published, it extends the range.
    const claim = sql
      .prepare(`INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (1, 1, 'A later word.', 'paraphrase', 'factual', '2024-03-07', 'day', 'draft')`)
      .run();
    bumpPublicationGeneration(server.db);
    assert.match(await meta(), /to 5 March 2024/);
    sql.prepare(`UPDATE claims SET state = 'published', published_at = '2026-12-03T12:00:00.000Z' WHERE id = ?`).run(claim.lastInsertRowid);
    bumpPublicationGeneration(server.db);
    assert.match(await meta(), /^20 February 2024 to 7 March 2024 · 32 published claims/);
    // An editor's fixed end stands.
    sql.prepare(`UPDATE stories SET ends_on = '2024-03-05' WHERE id = 1`).run();
    bumpPublicationGeneration(server.db);
    assert.match(await meta(), /^20 February 2024 to 5 March 2024 · 32 published claims/);
    // The home page's card says the same.
    sql.prepare(`UPDATE stories SET ends_on = NULL WHERE id = 1`).run();
    bumpPublicationGeneration(server.db);
    assert.match((await page('/'))('.story-card .meta').first().text(), /^20 February 2024 to 7 March 2024/);
  });
});

describe('a comparison of many parties', () => {
  test('shows at most 16 columns, says how many were left out, and scrolls with the question column held', async () => {
    const sql = server.db.$client;
    const slugs: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const slug = `extra-speaker-${i}`;
      const party = sql.prepare("INSERT INTO parties (slug, name, kind) VALUES (?, ?, 'person')").run(slug, `Extra Speaker ${i}`);
      const claim = sql
        .prepare(`INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state, published_at)
          VALUES (1, ?, 'A word from the crowd.', 'paraphrase', 'factual', '2024-03-05', 'day', 'published', '2026-12-03T12:00:00.000Z')`)
        .run(party.lastInsertRowid);
      sql.prepare("INSERT INTO stances (claim_id, question_id, position) VALUES (?, 1, 'asserts')").run(claim.lastInsertRowid);
      slugs.push(slug);
    }
    bumpPublicationGeneration(server.db);
    const chosen = [...slugs, 'boris-pistorius', 'downing-street', 'richard-dannatt', 'ingo-gerhartz', 'tobias-ellwood', 'august-hanning', 'dmitry-peskov'];
    const $ = await page(`/stories/taurus-leak?${chosen.map((s) => `party=${s}`).join('&')}`);
    const columns = $('table.matrix thead th[data-party]').map((_, th) => $(th).attr('data-party')).get();
    assert.equal(columns.length, 16);
    assert.deepEqual(new Set(columns), new Set(chosen.slice(0, 16)));
    assert.match($('#matrix .notice').text(), /at most 16 parties: the first 16 chosen are compared, 3 more left out/);
    assert.ok($('table.matrix').hasClass('matrix-many'), 'more than eight columns: the scrolling layout');
    assert.equal($('input[name=party]:checked').length, 16, 'the form ticks what the table shows');
  });
});
