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
import { SUMMARIES_FROM_SCRATCH, SUMMARIES_KEPT } from '../helpers/summaries.js';

const FROM_SCRATCH = SUMMARIES_FROM_SCRATCH;
const KEPT = SUMMARIES_KEPT;

describe('story summaries', () => {
  let testDb: TestDb;
  const run = (text: string, ...values: unknown[]) => testDb.db.$client.prepare(text).run(...values);
  const one = <T>(text: string, ...values: unknown[]) => testDb.db.$client.prepare(text).get(...values) as T;
  const versionOf = (claimId: number) => one<{ version: number }>('SELECT version FROM claims WHERE id = ?', claimId).version;
  function assertInStep(what: string) {
    const all = (text: string) => testDb.db.$client.prepare(text).all();
    assert.deepEqual(all(KEPT.stories), all(FROM_SCRATCH.stories), `${what}: story_party_counts`);
    assert.deepEqual(all(KEPT.questions), all(FROM_SCRATCH.questions), `${what}: question_party_positions`);
    assert.deepEqual(all(KEPT.latest), all(FROM_SCRATCH.latest), `${what}: question_party_latest`);
  }

  before(() => (testDb = makeTestDb()));
  after(() => testDb.close());

  test('filled by the migration from the data already there', () => {
    assert.ok(one<{ n: number }>('SELECT count(*) AS n FROM story_party_counts').n > 0);
    assert.ok(one<{ n: number }>('SELECT count(*) AS n FROM question_party_latest').n > 0);
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
    assert.equal(publishClaim(db, { id: editor.id, role: 'editor' }, claim, versionOf(claim), { overrideReason: 'Test.', correctionNote: '' }).kind, 'saved');
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
    assert.equal(retractClaim(db, { id: editor.id, role: 'editor' }, claim, versionOf(claim), 'Retracted for the test.').kind, 'saved');
    assertInStep('retracted');
    run("UPDATE claims SET state = 'published' WHERE id = ?", claim);
    run('DELETE FROM stances WHERE claim_id = ?', claim);
    run('DELETE FROM citations WHERE claim_id = ?', claim);
    run('DELETE FROM claims WHERE id = ?', claim);
    assertInStep('a published claim deleted');
  });

  test("each party's latest claim on a question follows dates, retractions, moves and stances", async () => {
    const { db } = testDb;
    const editor = await createUser(db, { email: 'ed2@newsroom.test', name: 'Ed Two', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    const story = one<{ id: number }>('SELECT id FROM stories ORDER BY id LIMIT 1').id;
    const otherStory = Number(run("INSERT INTO stories (slug, title, summary_md, starts_on) VALUES ('latest-test-story', 'Another story', '', '2024-03-01')").lastInsertRowid);
    const [question, otherQuestion] = db.$client.prepare('SELECT id FROM questions WHERE story_id = ? ORDER BY id LIMIT 2').pluck().all(story) as [number, number];
    // A party of its own, so that the rows this test makes are the only ones it has.
    const party = Number(run("INSERT INTO parties (slug, name, kind) VALUES ('latest-test-party', 'Latest Test Party', 'person')").lastInsertRowid);
    const claimSaying = (saidOn: string) => {
      const id = Number(
        run(
          "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state) VALUES (?, ?, 'Latest test.', 'paraphrase', 'factual', ?, 'day', 'published')",
          story,
          party,
          saidOn,
        ).lastInsertRowid,
      );
      run("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'asserts')", id, question);
      return id;
    };
    const latestOf = (questionId: number) =>
      one<{ claim_id: number } | undefined>('SELECT claim_id FROM question_party_latest WHERE question_id = ? AND party_id = ?', questionId, party)?.claim_id;
    const older = claimSaying('2024-03-01');
    const newer = claimSaying('2024-03-05');
    assertInStep('two claims on one question');
    assert.equal(latestOf(question), newer);
    const sameDay = claimSaying('2024-03-05');
    assert.equal(latestOf(question), sameDay, 'the same day: the later claim');
    run('UPDATE claims SET said_on = ? WHERE id = ?', '2024-03-09', older);
    assertInStep('an older claim re-dated');
    assert.equal(latestOf(question), older);
    assert.equal(retractClaim(db, { id: editor.id, role: 'editor' }, older, versionOf(older), 'Retracted for the test.').kind, 'saved');
    assertInStep('the latest retracted');
    assert.equal(latestOf(question), sameDay);
    run('UPDATE claims SET story_id = ? WHERE id = ?', otherStory, sameDay);
    assertInStep('the latest moved to another story');
    assert.equal(latestOf(question), newer);
    run('UPDATE stances SET question_id = ? WHERE claim_id = ? AND question_id = ?', otherQuestion, newer, question);
    assertInStep('its stance moved to another question');
    assert.equal(latestOf(otherQuestion), newer);
    assert.equal(latestOf(question), undefined, 'no claim of the party on it is left in the story');
    run("UPDATE claims SET state = 'draft' WHERE id = ?", newer);
    assertInStep('unpublished');
    assert.equal(latestOf(otherQuestion), undefined);
    run("UPDATE claims SET state = 'published' WHERE id = ?", newer);
    run('DELETE FROM stances WHERE claim_id = ?', newer);
    assertInStep('its stance removed');
    run('UPDATE stances SET claim_id = ? WHERE claim_id = ?', newer, sameDay);
    assertInStep('a stance given to another claim');
    run('UPDATE questions SET story_id = ? WHERE id = ?', otherStory, otherQuestion);
    assertInStep('a question moved to another story');
    run('UPDATE questions SET story_id = ? WHERE id = ?', story, otherQuestion);
    assertInStep('and back');
  });
});
