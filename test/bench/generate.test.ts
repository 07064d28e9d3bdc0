/**
 * The benchmark's synthetic newsroom is a newsroom the app could have made: the sizes asked for,
 * every claim with its stances, citations and revisions, quote checks equal to what the app itself
 * computes, one story and one party far larger than the rest, the same data for the same seed, and
 * public pages that render what a reader expects.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { createApp } from '../../src/app.js';
import { openDatabase, writeTransaction, type Db } from '../../src/db.js';
import { refreshQuoteChecks } from '../../src/quotes/quote-checks.js';
import { testConfig } from '../helpers/app.js';
import { SUMMARIES_FROM_SCRATCH, SUMMARIES_KEPT } from '../helpers/summaries.js';
import { benchTargets } from './bench-targets.js';
import { generateNewsroom, type NewsroomSummary } from './generate.js';
import { newsroomSize } from './newsroom-plan.js';

const CLAIMS = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-newsroom-'));
const file = path.join(dir, 'newsroom.sqlite');
let summary: NewsroomSummary;
let db: Db;

before(async () => {
  summary = await generateNewsroom({ claims: CLAIMS, file });
  db = openDatabase(file);
});

after(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const value = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).pluck().get(...params) as number;

test('at 100,000 claims the newsroom has the sizes it is meant to have', () => {
  const size = newsroomSize(100_000);
  assert.equal(size.stories, 300);
  assert.equal(size.parties, 3000);
  assert.equal(size.sources, 20_000);
  assert.ok(size.largestStory >= 2000, `largest story ${size.largestStory}`);
  assert.ok(size.prolificParty >= 500, `most prolific party ${size.prolificParty}`);
  assert.ok(size.corrections >= 200 && size.corrections < 1000, `corrections ${size.corrections}`);
  assert.equal(newsroomSize(1000).sources, 200);
});

test('the claims asked for are published, each with 1–3 stances, 1–2 citations and its revisions', () => {
  assert.equal(value("SELECT count(*) FROM claims WHERE state = 'published'"), CLAIMS);
  const shape = all<{ stances: number; citations: number }>(
    `SELECT (SELECT count(*) FROM stances s WHERE s.claim_id = c.id) AS stances,
            (SELECT count(*) FROM citations ci WHERE ci.claim_id = c.id) AS citations FROM claims c`,
  );
  assert.ok(shape.every((c) => c.stances >= 1 && c.stances <= 3), 'every claim takes 1–3 stances');
  assert.ok(shape.every((c) => c.citations >= 1 && c.citations <= 2), 'every claim cites 1–2 sources');
  // Every version of every claim is in its history, and the last one is what the row says.
  const gaps = value(
    `SELECT count(*) FROM claims c WHERE c.version <> (SELECT count(*) FROM revisions r WHERE r.entity_type = 'claim' AND r.entity_id = c.id)
       OR NOT EXISTS (SELECT 1 FROM revisions r WHERE r.entity_type = 'claim' AND r.entity_id = c.id AND r.version = c.version)`,
  );
  assert.equal(gaps, 0);
  assert.equal(value('SELECT count(*) FROM corrections'), summary.size.corrections);
  assert.equal(value("SELECT count(*) FROM claims WHERE state = 'retracted'"), summary.size.retractions);
  assert.equal(value("SELECT count(*) FROM claims WHERE state = 'in_review'"), summary.size.inReview);
  // A correction points at the revision that approved it, of its own claim.
  assert.equal(value("SELECT count(*) FROM corrections co JOIN revisions r ON r.id = co.revision_id WHERE r.entity_id <> co.claim_id OR r.event <> 'edit_approved'"), 0);
});

test('foreign keys hold and the file is intact', () => {
  assert.deepEqual(db.$client.prepare('PRAGMA foreign_key_check').all(), []);
  assert.deepEqual(db.$client.prepare('PRAGMA integrity_check').pluck().all(), ['ok']);
  assert.equal(value('SELECT count(*) FROM source_snapshots WHERE length(sha256) <> 64'), 0);
});

test('every claim has its lead rendering, and the search index is what the triggers would have written', () => {
  assert.equal(value('SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_renderings r WHERE r.claim_id = c.id AND r.position = 0 AND r.text = c.statement)'), 0);
  // The claims' documents were written in one go after the load: the same rows the view builds, and FTS5's own check passes.
  assert.equal(value('SELECT count(*) FROM search_index WHERE rowid % 4 = 0'), value('SELECT count(*) FROM claims'));
  const sample = all<{ rid: number; notes: string | null }>('SELECT rid, notes FROM search_claim_documents ORDER BY rid DESC LIMIT 50');
  for (const row of sample) assert.equal(value(`SELECT notes FROM search_index WHERE rowid = ${row.rid}`), row.notes);
  db.$client.prepare("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)").run();
  const triggers = all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('search_claims_insert', 'search_stances_insert', 'search_renderings_insert')");
  assert.equal(triggers.length, 3, 'the per-row triggers are back');
});

test('one story and one party have more published claims than any other', () => {
  const stories = all<{ n: number }>("SELECT count(*) AS n FROM claims WHERE state = 'published' GROUP BY story_id ORDER BY n DESC");
  assert.equal(stories[0]!.n, summary.size.largestStory);
  assert.ok(stories[0]!.n > stories[1]!.n);
  const parties = all<{ n: number }>("SELECT count(*) AS n FROM claims WHERE state = 'published' GROUP BY party_id ORDER BY n DESC");
  assert.equal(parties[0]!.n, summary.size.prolificParty);
  assert.ok(parties[0]!.n > parties[1]!.n, `the most prolific party has ${parties[0]!.n} claims, the next ${parties[1]!.n}`);
  assert.ok(value('SELECT count(*) FROM party_aliases') > 0, 'some parties have aliases');
  assert.ok(value('SELECT count(DISTINCT status) FROM party_roles') === 2, 'roles are current and former');
});

test('the stored quote checks are the ones the app computes, and most quotes are found exactly', () => {
  const stored = () => all<Record<string, unknown>>('SELECT citation_id, snapshot_id, outcome, start, "end", similarity, detail FROM quote_checks ORDER BY citation_id');
  const before = stored();
  const quoted = value("SELECT count(*) FROM citations ci JOIN claims c ON c.id = ci.claim_id WHERE c.form IN ('verbatim', 'partial_quote')");
  assert.equal(before.length, quoted, 'every citation of a quote has its check');
  assert.ok(before.filter((r) => r.outcome === 'exact').length > 0.9 * before.length);
  writeTransaction(db, () => {
    for (const id of all<{ id: number }>('SELECT id FROM claims').map((c) => c.id)) refreshQuoteChecks(db, { claimId: id });
  });
  assert.deepEqual(stored(), before);
});

test('the same seed gives the same newsroom', async () => {
  const again = path.join(dir, 'again.sqlite');
  await generateNewsroom({ claims: CLAIMS, file: again });
  const other = openDatabase(again);
  try {
    const text = (d: Db) => d.$client.prepare("SELECT group_concat(statement || said_on || party_id, '|') FROM (SELECT * FROM claims ORDER BY id)").pluck().get();
    const sources = (d: Db) => d.$client.prepare("SELECT group_concat(sha256, '|') FROM (SELECT * FROM source_snapshots ORDER BY id)").pluck().get();
    assert.equal(text(other), text(db));
    assert.equal(sources(other), sources(db));
  } finally {
    other.$client.close();
  }
});

test('the public pages render the generated newsroom', async () => {
  const app = createApp({ db, config: testConfig(), log: () => {} });
  const { pages } = benchTargets(file);
  for (const page of pages.filter((p) => !p.desk)) {
    const response = await app.request(page.path);
    assert.equal(response.status, 200, `${page.path} answered ${response.status}`);
  }
  const path = (name: string) => pages.find((p) => p.name === name)!.path;

  // The story's timeline, page after page, lists every published claim of the largest story.
  const storyClaims = new Set<string>();
  for (let next: string | undefined = `${path('story')}/timeline`; next; ) {
    const $timeline = cheerio.load(await (await app.request(next)).text());
    $timeline('.timeline li[data-claim] a[href^="/claims/"]').each((_, a) => void storyClaims.add($timeline(a).attr('href')!));
    next = $timeline('nav.pager a[rel="next"]').attr('href');
  }
  assert.equal(storyClaims.size, summary.size.largestStory);

  // A verbatim quote's page says it was found in the archived source.
  const verbatim = value("SELECT id FROM claims c WHERE state = 'published' AND form = 'verbatim' AND EXISTS (SELECT 1 FROM quote_checks q JOIN citations ci ON ci.id = q.citation_id WHERE ci.claim_id = c.id AND q.outcome = 'exact') LIMIT 1");
  const claimPage = await (await app.request(`/claims/${verbatim}`)).text();
  assert.match(claimPage, /Quote checked against the archived source: <strong>exact/);

  // The most cited source shows its archived text with the cited passages marked.
  const $source = cheerio.load(await (await app.request(path('source'))).text());
  assert.ok($source('mark[data-claims]').length > 0, 'cited passages are highlighted');

  // The corrections feed lists the corrections.
  const feed = await (await app.request('/corrections.atom')).text();
  assert.equal((feed.match(/<entry>/g) ?? []).length, summary.size.corrections + summary.size.retractions);
});

test("each party's latest claim per question is kept as the triggers would keep it, and the triggers are back", () => {
  const kept = all(SUMMARIES_KEPT.latest);
  const recounted = all(SUMMARIES_FROM_SCRATCH.latest);
  assert.ok(kept.length > 0);
  assert.deepEqual(kept, recounted);
  const triggers = all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%latest%' ORDER BY name").map((t) => t.name);
  assert.deepEqual(triggers, ['claims_latest_delete', 'claims_latest_insert', 'claims_latest_update', 'question_party_latest_refresh_pair', 'questions_latest_story', 'stances_latest_delete', 'stances_latest_insert', 'stances_latest_update']);
});
