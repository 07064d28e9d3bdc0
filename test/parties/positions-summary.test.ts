/**
 * A party's positions at a glance (src/parties/positions-summary.ts) read the counts the database
 * keeps; they must say what the published claims say. Checked for every party of the first story
 * against a count made from the claims and stances themselves, and again after a claim in review
 * and a retraction, which must not show.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { positionsSummary } from '../../src/parties/positions-summary.js';
import { retractClaim } from '../../src/review/service.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

/** Per question the party spoke on: its positions, its claim count and the latest date, from scratch. */
const FROM_SCRATCH = `
  SELECT q.slug AS question, group_concat(DISTINCT st.position) AS positions, count(*) AS claims, max(c.said_on) AS latest
  FROM claims c JOIN stances st ON st.claim_id = c.id JOIN questions q ON q.id = st.question_id
  WHERE c.party_id = ? AND c.state = 'published'
  GROUP BY q.id ORDER BY q.slug`;

let testDb: TestDb;
before(() => (testDb = makeTestDb()));
after(() => testDb.close());

function assertEveryPartyMatches(when: string) {
  const { db } = testDb;
  const parties = db.$client.prepare('SELECT id, slug FROM parties ORDER BY id').all() as { id: number; slug: string }[];
  let spoken = 0;
  for (const party of parties) {
    const expected = (db.$client.prepare(FROM_SCRATCH).all(party.id) as { question: string; positions: string; claims: number; latest: string }[]).map(
      (row) => ({ ...row, positions: row.positions.split(',').sort() }),
    );
    const summary = positionsSummary(db, party.id);
    const shown = summary.lines
      .map((line) => ({ question: line.question.slug, positions: [...line.positions].sort(), claims: line.claimCount, latest: line.latest }))
      .sort((a, b) => a.question.localeCompare(b.question));
    assert.deepEqual(shown, expected, `${when}: ${party.slug}`);
    assert.equal(summary.total, expected.length, `${when}: ${party.slug}'s total`);
    // Latest activity first: a story's lines stay together, the story with the newest line on top.
    const storyOrder = summary.lines.map((line) => line.story.id).filter((id, i, all) => all.indexOf(id) === i);
    const newestOf = (story: number) => summary.lines.filter((line) => line.story.id === story).reduce((max, line) => (line.latest > max ? line.latest : max), '');
    assert.deepEqual(storyOrder.map(newestOf), storyOrder.map(newestOf).sort().reverse(), `${when}: ${party.slug}'s order`);
    if (expected.length > 0) spoken++;
  }
  assert.ok(spoken >= 5, `${when}: the first story has parties with stances (${spoken})`);
}

test("every party's positions equal a count of its published claims", () => assertEveryPartyMatches('the first story'));

test('a claim in review and a retracted claim are not counted', async () => {
  const { db } = testDb;
  const run = (text: string, ...values: unknown[]) => db.$client.prepare(text).run(...values);
  const { partyId, questionId, storyId } = db.$client
    .prepare("SELECT c.party_id AS partyId, st.question_id AS questionId, c.story_id AS storyId FROM claims c JOIN stances st ON st.claim_id = c.id WHERE c.state = 'published' LIMIT 1")
    .get() as { partyId: number; questionId: number; storyId: number };
  const draft = Number(
    run(
      "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (?, ?, 'Not yet reviewed.', 'paraphrase', 'factual', '2099-01-01', 'day', 'in_review')",
      storyId,
      partyId,
    ).lastInsertRowid,
  );
  run("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'declines')", draft, questionId);
  assertEveryPartyMatches('with a claim in review');

  const editor = await createUser(db, { email: 'ed@newsroom.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  const published = db.$client.prepare("SELECT id, version FROM claims WHERE party_id = ? AND state = 'published' ORDER BY said_on DESC LIMIT 1").get(partyId) as { id: number; version: number };
  assert.equal(retractClaim(db, { id: editor.id, role: 'editor' }, published.id, published.version, 'Retracted for the test.').kind, 'saved');
  assertEveryPartyMatches('after a retraction');
});
