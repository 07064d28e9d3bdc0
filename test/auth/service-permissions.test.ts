/**
 * Every service write checks its permission inside its own transaction, as well as the route
 * (issue 9): each is called here directly, as a role without the right, on a real database, and
 * must throw Forbidden and leave every table exactly as it was.
 *
 * Some rights every role holds (creating a claim, a party or a source): those are tried with no
 * actor at all, which `can()` refuses everything.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import type { Actor, Role } from '../../src/auth/permissions.js';
import { createClaim, restoreVersion, saveClaim, submitForReview } from '../../src/claims/service.js';
import { readClaimMeta, readClaimRecord } from '../../src/claims/record.js';
import type { ValidClaimForm } from '../../src/claims/form.js';
import { Forbidden } from '../../src/errors.js';
import { createParty, updateParty } from '../../src/parties/service.js';
import type { PartyInput } from '../../src/parties/form.js';
import { isPartyPublic, isSourcePublic } from '../../src/publication/visibility.js';
import { publishClaim, requestChanges, retractClaim } from '../../src/review/service.js';
import { captureSnapshot } from '../../src/sources/archive.js';
import { createSource, updateSource } from '../../src/sources/service.js';
import type { SourceInput } from '../../src/sources/form.js';
import { createQuestion, updateQuestion } from '../../src/stories/questions-service.js';
import { createStory, updateStory } from '../../src/stories/service.js';
import { createUser, resetPassword, setDisabled, setRole } from '../../src/users/service.js';
import { makeTestDb, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
const actors = {} as Record<Role | 'other', Actor & { name: string }>;
/** A claim another journalist drafted (not `actors.journalist`'s own), at version 1. */
let othersDraft: number;
/** A claim of `actors.journalist`'s own, saved twice (versions 1 and 2). */
let ownClaim: number;
let publishedClaim: number;
let publicParty: number;
let publicSource: number;
let story: number;
let question: number;
let admin: Actor;

before(async () => {
  testDb = makeTestDb({ withStory: true });
  const { db } = testDb;
  for (const [key, role] of [['journalist', 'journalist'], ['editor', 'editor'], ['admin', 'admin'], ['other', 'journalist']] as const) {
    const user = await createUser(db, { email: `${key}@perm.test`, name: key, role, password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    actors[key] = { id: user.id, role, name: key };
  }
  admin = actors.admin;
  publishedClaim = db.select({ id: t.claims.id }).from(t.claims).where(eq(t.claims.state, 'published')).limit(1).get()!.id;
  const published = readClaimRecord(db, publishedClaim);
  publicParty = published.partyId;
  publicSource = published.citations[0]!.sourceId;
  assert.ok(isPartyPublic(db, publicParty) && isSourcePublic(db, publicSource));
  othersDraft = createClaim(db, actors.other, claimForm());
  ownClaim = createClaim(db, actors.journalist, claimForm());
  const saved = saveClaim(db, actors.journalist, ownClaim, 1, claimForm('A second version'));
  assert.equal(saved.kind, 'saved');
  story = db.select({ id: t.stories.id }).from(t.stories).limit(1).get()!.id;
  question = db.select({ id: t.questions.id }).from(t.questions).where(eq(t.questions.storyId, story)).limit(1).get()!.id;
});
after(() => testDb.close());

function claimForm(comment = ''): ValidClaimForm {
  return { record: readClaimRecord(testDb.db, publishedClaim), newParty: null, newSource: null, comment };
}

const partyInput: PartyInput = { name: 'Renamed', slug: 'renamed-party', kind: 'person', description: '', roles: [], aliases: [] };
const sourceInput: SourceInput = {
  title: 'Retitled',
  publisher: 'Publisher',
  author: null,
  url: null,
  publishedOn: null,
  accessedOn: null,
  kind: 'interview',
  description: '',
};
const storyInput = { slug: 'new-story', title: 'A new story', summaryMd: '', startsOn: '2024-01-01', endsOn: null };
const questionInput = { slug: 'new-question', proposition: 'Did it happen?', shortLabel: 'Happened', position: 99 };

/** Every row of every table: what "nothing was written" is compared against. */
function everything(): string {
  const client = testDb.db.$client;
  const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((name) => [name, client.prepare(`SELECT * FROM "${name}"`).all()]));
}

async function refusedAndUnchanged(work: () => unknown): Promise<void> {
  const before = everything();
  await assert.rejects(async () => work(), Forbidden);
  assert.equal(everything(), before, 'a refused write changed the database');
}

const nobody = null as unknown as Actor;

test('claims: creating, saving, submitting and restoring check their permission inside the service', async () => {
  const { db } = testDb;
  await refusedAndUnchanged(() => createClaim(db, nobody, claimForm()));
  // A journalist edits and submits only their own claims.
  await refusedAndUnchanged(() => saveClaim(db, actors.journalist, othersDraft, 1, claimForm('not mine')));
  await refusedAndUnchanged(() => submitForReview(db, actors.journalist, othersDraft, 1));
  // Restoring is an editor's right, even on one's own claim.
  assert.equal(readClaimMeta(db, ownClaim).version, 2);
  await refusedAndUnchanged(() => restoreVersion(db, actors.journalist, ownClaim, 2, 1));
});

test('review: publishing, sending back and retracting are for editors only', async () => {
  const { db } = testDb;
  const version = readClaimMeta(db, publishedClaim).version;
  const draftVersion = readClaimMeta(db, othersDraft).version;
  await refusedAndUnchanged(() => publishClaim(db, actors.journalist, othersDraft, draftVersion, { overrideReason: 'because', correctionNote: '' }));
  await refusedAndUnchanged(() => requestChanges(db, actors.journalist, othersDraft, draftVersion, 'change this'));
  // An empty note is still refused as Forbidden: the permission comes before the form.
  await refusedAndUnchanged(() => requestChanges(db, actors.journalist, othersDraft, draftVersion, ''));
  await refusedAndUnchanged(() => retractClaim(db, actors.journalist, publishedClaim, version, 'withdrawn'));
});

test('parties and sources: creating needs create:record; editing one readers see needs an editor', async () => {
  const { db } = testDb;
  const partyVersion = db.select().from(t.parties).where(eq(t.parties.id, publicParty)).get()!.version;
  const sourceVersion = db.select().from(t.sources).where(eq(t.sources.id, publicSource)).get()!.version;
  await refusedAndUnchanged(() => createParty(db, nobody, partyInput));
  await refusedAndUnchanged(() => updateParty(db, actors.journalist, publicParty, partyVersion, partyInput));
  await refusedAndUnchanged(() => createSource(db, nobody, sourceInput));
  await refusedAndUnchanged(() => updateSource(db, actors.journalist, publicSource, sourceVersion, sourceInput));
  await refusedAndUnchanged(() => captureSnapshot(db, actors.journalist, publicSource, { text: 'New text of the article.', origin: 'paste' }));
});

test('stories and questions are changed by editors only', async () => {
  const { db } = testDb;
  const storyVersion = db.select().from(t.stories).where(eq(t.stories.id, story)).get()!.version;
  const questionVersion = db.select().from(t.questions).where(eq(t.questions.id, question)).get()!.version;
  await refusedAndUnchanged(() => createStory(db, actors.journalist, storyInput));
  await refusedAndUnchanged(() => updateStory(db, actors.journalist, story, storyVersion, storyInput));
  await refusedAndUnchanged(() => createQuestion(db, actors.journalist, story, questionInput));
  await refusedAndUnchanged(() => updateQuestion(db, actors.journalist, story, question, questionVersion, questionInput));
});

test('accounts are managed by admins only; the system (null, the command line) may', async () => {
  const { db } = testDb;
  const target = actors.other.id;
  for (const role of ['journalist', 'editor'] as const) {
    const actor = actors[role];
    await refusedAndUnchanged(() =>
      createUser(db, { email: `new-${role}@perm.test`, name: 'New', role: 'admin', password: TEST_PASSWORD }, actor, TEST_PASSWORD_COST),
    );
    await refusedAndUnchanged(() => resetPassword(db, target, actor, '', TEST_PASSWORD_COST));
    await refusedAndUnchanged(() => setRole(db, target, 'admin', actor));
    await refusedAndUnchanged(() => setDisabled(db, target, true, actor));
  }
  // The admin, and the system, are allowed.
  setRole(db, target, 'editor', admin);
  assert.equal(db.select().from(t.users).where(eq(t.users.id, target)).get()!.role, 'editor');
  const reset = await resetPassword(db, target, null, '', TEST_PASSWORD_COST);
  assert.ok(reset.kind === 'saved' && reset.password.length > 0);
});
