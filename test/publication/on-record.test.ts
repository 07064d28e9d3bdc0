/**
 * "On record" (finding 1 and 2 of the security review): a party or source that only a RETRACTED
 * claim uses is still shown to readers (the claim's page, /corrections, the feed), so editing it
 * follows the editor's rules exactly as for a published one; archiving text for a source nobody
 * reads changes nothing public (no generation bump), and the capture's permission is checked
 * inside the service.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as t from '../../db/schema/index.js';
import type { Actor } from '../../src/auth/permissions.js';
import { publicationGeneration } from '../../src/db.js';
import { Forbidden } from '../../src/errors.js';
import { isPartyPublic, isSourcePublic } from '../../src/publication/visibility.js';
import { partyChangeKeys } from '../../src/publication/page-keys.js';
import { assertMayEditSource } from '../../src/sources/service.js';
import { assertMayEditParty } from '../../src/parties/service.js';
import { captureSnapshot } from '../../src/sources/archive.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
let journalist: Actor;
before(async () => {
  testDb = makeTestDb({ withStory: true });
  const user = await createUser(testDb.db, { email: 'j@newsroom.test', name: 'J', role: 'journalist', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  journalist = { id: user.id, role: 'journalist' };
});
after(() => testDb.close());

function claimWith(state: 'draft' | 'retracted', tag: string) {
  const { db } = testDb;
  const story = db.select().from(t.stories).limit(1).get()!;
  const party = db.insert(t.parties).values({ slug: `on-record-${tag}`, name: `Party ${tag}`, kind: 'person' }).returning().get();
  const source = db.insert(t.sources).values({ title: `Source ${tag}`, publisher: 'Pub', kind: 'interview' }).returning().get();
  const claim = db
    .insert(t.claims)
    .values({ storyId: story.id, partyId: party.id, statement: `Said ${tag}`, form: 'paraphrase', type: 'factual', saidOn: '2024-03-05', datePrecision: 'day', state } as never)
    .returning()
    .get() as { id: number; storyId: number };
  db.insert(t.citations).values({ claimId: claim.id, sourceId: source.id, role: 'reports' }).run();
  return { party, source, claim };
}

test('a party and a source used only by a retracted claim are on record: a journalist may not edit them', () => {
  const { party, source } = claimWith('retracted', 'retracted');
  assert.equal(isPartyPublic(testDb.db, party.id), true);
  assert.equal(isSourcePublic(testDb.db, source.id), true);
  assert.throws(() => assertMayEditParty(testDb.db, journalist, party.id), Forbidden);
  assert.throws(() => assertMayEditSource(testDb.db, journalist, source.id), Forbidden);
  assert.throws(() => captureSnapshot(testDb.db, { ...journalist, name: 'J' }, source.id, { text: 'new text', origin: 'paste' as never }), Forbidden);
});

test("a retracted claim's pages are among the keys a party edit invalidates", () => {
  const { party, claim } = claimWith('retracted', 'keys');
  const keys = partyChangeKeys(testDb.db, party.id);
  assert.ok(keys.includes(`claim:${claim.id}`), keys.join(' '));
});

test('archiving text for a source no public page shows does not bump the public generation', () => {
  const { source } = claimWith('draft', 'draft');
  assert.equal(isSourcePublic(testDb.db, source.id), false);
  const before = publicationGeneration(testDb.db);
  captureSnapshot(testDb.db, { ...journalist, name: 'J' }, source.id, { text: 'Archived text of a draft source.', origin: 'paste' as never });
  assert.equal(publicationGeneration(testDb.db), before);
});
