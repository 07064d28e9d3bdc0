/**
 * The story summaries (db/schema/summaries.ts, kept by the triggers of migration 0011) always equal
 * a count made from scratch: after publishing, retracting, moving a claim to another speaker or
 * story, and adding, changing and removing stances, in any order, and after a rolled-back write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishClaim, retractClaim } from '../../src/review/service.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

const FROM_SCRATCH = {
  stories: `SELECT story_id, party_id, count(*) AS claims FROM claims WHERE state = 'published' GROUP BY story_id, party_id ORDER BY 1, 2`,
  questions: `SELECT st.question_id, c.party_id, st.position, count(*) AS claims FROM stances st JOIN claims c ON c.id = st.claim_id
    WHERE c.state = 'published' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
};
const KEPT = {
  stories: 'SELECT story_id, party_id, claims FROM story_party_counts ORDER BY 1, 2',
  questions: 'SELECT question_id, party_id, position, claims FROM question_party_positions ORDER BY 1, 2, 3',
};

describe('story summaries', () => {
  let testDb: TestDb;
  const run = (text: string, ...values: unknown[]) => testDb.db.$client.prepare(text).run(...values);
  const one = <T>(text: string, ...values: unknown[]) => testDb.db.$client.prepare(text).get(...values) as T;
  function assertInStep(what: string) {
    const all = (text: string) => testDb.db.$client.prepare(text).all();
    assert.deepEqual(all(KEPT.stories), all(FROM_SCRATCH.stories), `${what}: story_party_counts`);
    assert.deepEqual(all(KEPT.questions), all(FROM_SCRATCH.questions), `${what}: question_party_positions`);
  }

  before(() => (testDb = makeTestDb()));
  after(() => testDb.close());

  test('filled by the migration from the data already there', () => {
    assert.ok(one<{ n: number }>('SELECT count(*) AS n FROM story_party_counts').n > 0);
    assertInStep('after migrating');
  });

  test('publishing, retracting, moving claims and changing stances', async () => {
    const { db } = testDb;
    const editor = await createUser(db, { email: 'ed@newsroom.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    const story = one<{ id: number }>('SELECT id FROM stories LIMIT 1').id;
    const [question, otherQuestion] = db.$client.prepare('SELECT id FROM questions WHERE story_id = ? ORDER BY id LIMIT 2').pluck().all(story) as number[];
    const [party, otherParty] = db.$client.prepare('SELECT id FROM parties ORDER BY id LIMIT 2').pluck().all() as number[];
    const claim = Number(
      run(
        "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (?, ?, 'Summaries test.', 'paraphrase', 'factual', '2024-03-01', 'day', 'in_review')",
        story,
        party,
      ).lastInsertRowid,
    );
    run("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'asserts')", claim, question);
    assertInStep('a claim in review');
    const version = () => one<{ version: number }>('SELECT version FROM claims WHERE id = ?', claim).version;
    assert.equal(publishClaim(db, { id: editor.id, role: 'editor' }, claim, version(), { overrideReason: 'Test.', correctionNote: '' }).kind, 'saved');
    assertInStep('published');
    run("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'denies')", claim, otherQuestion);
    assertInStep('a stance added to a published claim');
    run("UPDATE stances SET position = 'qualifies' WHERE claim_id = ? AND question_id = ?", claim, question);
    assertInStep('a stance changed');
    run('UPDATE claims SET party_id = ? WHERE id = ?', otherParty, claim);
    assertInStep('another speaker');
    run('DELETE FROM stances WHERE claim_id = ? AND question_id = ?', claim, otherQuestion);
    assertInStep('a stance removed');
    assert.throws(() =>
      db.$client.transaction(() => {
        run("UPDATE claims SET state = 'draft' WHERE id = ?", claim);
        throw new Error('rolled back');
      })(),
    );
    assertInStep('a rolled-back write');
    assert.equal(retractClaim(db, { id: editor.id, role: 'editor' }, claim, version(), 'Retracted for the test.').kind, 'saved');
    assertInStep('retracted');
    run("UPDATE claims SET state = 'published' WHERE id = ?", claim);
    run('DELETE FROM stances WHERE claim_id = ?', claim);
    run('DELETE FROM citations WHERE claim_id = ?', claim);
    run('DELETE FROM claims WHERE id = ?', claim);
    assertInStep('a published claim deleted');
  });
});
