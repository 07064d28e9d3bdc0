/**
 * "What the others say" on a claim's page: per question of the claim, each other party's latest
 * published claim on it, newest first, the first few shown and a flag when there are more. Read
 * from question_party_latest (decision 031); checked here against the same answer computed from
 * the claims themselves, on the first story and after a crowd of new speakers joins in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { claimPage } from '../../src/claims/queries.js';
import { makeTestDb, type TestDb } from '../helpers/app.js';

const SHOWN = 8;

describe("what the others say", () => {
  let testDb: TestDb;
  before(() => (testDb = makeTestDb()));
  after(() => testDb.close());

  /** Per question of the claim: the other parties' latest claims, newest first, from scratch. */
  function fromScratch(claimId: number): { questionId: number; ids: number[] }[] {
    const sqlite = testDb.db.$client;
    const { party_id: partyId } = sqlite.prepare('SELECT party_id FROM claims WHERE id = ?').get(claimId) as { party_id: number };
    const questions = sqlite
      .prepare('SELECT st.question_id FROM stances st JOIN questions q ON q.id = st.question_id WHERE st.claim_id = ? ORDER BY q.position')
      .pluck()
      .all(claimId) as number[];
    return questions.map((questionId) => ({
      questionId,
      ids: sqlite
        .prepare(
          `SELECT id FROM (
             SELECT c.id, c.said_on, row_number() OVER (PARTITION BY c.party_id ORDER BY c.said_on DESC, c.id DESC) AS n
             FROM claims c JOIN stances st ON st.claim_id = c.id JOIN questions q ON q.id = st.question_id
             WHERE st.question_id = ? AND c.state = 'published' AND c.party_id <> ? AND c.story_id = q.story_id)
           WHERE n = 1 ORDER BY said_on DESC, id DESC`,
        )
        .pluck()
        .all(questionId, partyId) as number[],
    }));
  }

  function assertMatches(claimId: number) {
    const page = claimPage(testDb.db, claimId)!;
    const expected = fromScratch(claimId);
    assert.deepEqual(
      page.otherViews.map((view) => ({ questionId: view.questionId, ids: view.entries.map((entry) => entry.claim.id), more: view.more })),
      expected.map(({ questionId, ids }) => ({ questionId, ids: ids.slice(0, SHOWN), more: ids.length > SHOWN })),
    );
    return page;
  }

  test('every published claim of the first story', () => {
    const ids = testDb.db.$client.prepare("SELECT id FROM claims WHERE state = 'published' ORDER BY id").pluck().all() as number[];
    assert.ok(ids.length > 10);
    for (const id of ids) assertMatches(id);
  });

  test('more speakers than are shown: the newest first, and a sign that there are more', () => {
    const sqlite = testDb.db.$client;
    const claimId = sqlite.prepare("SELECT c.id FROM claims c JOIN stances st ON st.claim_id = c.id WHERE c.state = 'published' LIMIT 1").pluck().get() as number;
    const { story_id: storyId, question_id: questionId } = sqlite.prepare('SELECT c.story_id, st.question_id FROM claims c JOIN stances st ON st.claim_id = c.id WHERE c.id = ? LIMIT 1').get(claimId) as {
      story_id: number;
      question_id: number;
    };
    for (let i = 0; i < 12; i++) {
      const party = Number(sqlite.prepare("INSERT INTO parties (slug, name, kind) VALUES (?, ?, 'person')").run(`crowd-${i}`, `Crowd ${i}`).lastInsertRowid);
      // Two claims each, so that only the later one may be shown.
      for (const day of [`2024-04-${String(10 + i).padStart(2, '0')}`, `2024-05-${String(10 + i).padStart(2, '0')}`]) {
        const id = Number(
          sqlite
            .prepare("INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (?, ?, 'Crowd.', 'paraphrase', 'factual', ?, 'day', 'published')")
            .run(storyId, party, day).lastInsertRowid,
        );
        sqlite.prepare("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'denies')").run(id, questionId);
      }
    }
    const page = assertMatches(claimId);
    const view = page.otherViews.find((v) => v.questionId === questionId)!;
    assert.equal(view.more, true);
    assert.equal(view.entries.length, SHOWN);
    assert.equal(view.entries[0]!.claim.party.name, 'Crowd 11');
    assert.equal(view.entries[0]!.claim.saidOn, '2024-05-21');
  });
});
