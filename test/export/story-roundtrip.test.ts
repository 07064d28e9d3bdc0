/**
 * A story exported as JSON and imported into an empty database gives the same public site: every
 * page, feed, per-story download and API answer of the story is compared byte for byte (ids and
 * slugs are kept when the database is empty). Also: a second import is refused, a broken archive
 * writes nothing, and an import next to other data gives new ids with every reference following.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { publicSitePaths } from '../../src/export/site-paths.js';
import { exportStoryArchive, importStoryArchive } from '../../src/stories/archive.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, testConfig, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

let source: TestDb;
let target: TestDb;
let archiveJson: string;
let importerId: number;

const appOf = (db: TestDb) => createApp({ db: db.db, config: testConfig(), log: () => {}, cachePages: false });
const tableCounts = (db: TestDb) =>
  Object.fromEntries(
    ['stories', 'parties', 'claims', 'stances', 'citations', 'sources', 'source_snapshots', 'quote_checks', 'revisions', 'corrections'].map((t) => [
      t,
      (db.db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

before(async () => {
  source = makeTestDb();
  // A correction and a retraction, so that /corrections and the claim pages show them.
  const editor = await createUser(source.db, { email: 'ed@newsroom.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  source.db.$client.exec(`
    INSERT INTO corrections (claim_id, revision_id, note, editor_id, created_at)
      SELECT 1, (SELECT max(id) FROM revisions WHERE entity_type = 'claim' AND entity_id = 1), 'We corrected the date of this claim.', ${editor.id}, '2024-03-10T12:00:00.000Z';
    UPDATE claims SET state = 'retracted', retraction_note = 'Withdrawn: the recording was misattributed.', retracted_at = '2024-03-11T08:00:00.000Z' WHERE id = 2;
  `);
  archiveJson = JSON.stringify(exportStoryArchive(source.db, 'taurus-leak'));
  target = makeTestDb({ withStory: false });
  importerId = (await createUser(target.db, { email: 'admin@other.test', name: 'Other admin', role: 'admin', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST)).id;
});
after(() => {
  source.close();
  target.close();
});

describe('story export → import', () => {
  it('holds everything the story needs', () => {
    const archive = JSON.parse(archiveJson);
    for (const table of ['parties', 'party_roles', 'party_aliases', 'questions', 'claims', 'stances', 'citations', 'sources', 'source_snapshots', 'revisions', 'corrections']) {
      assert.ok(archive.tables[table].length > 0, table);
    }
    assert.ok(archive.tables.source_snapshots.every((s: { sha256: string }) => /^[0-9a-f]{64}$/.test(s.sha256)));
    assert.doesNotMatch(archiveJson, /password_hash|ed@newsroom\.test/, 'no user accounts in the file');
  });

  it('rebuilds the same public site in an empty database', async () => {
    const result = importStoryArchive(target.db, JSON.parse(archiveJson), importerId);
    assert.equal(result.idsKept, true);
    const counts = tableCounts(source);
    assert.deepEqual(tableCounts(target), counts);
    const paths = publicSitePaths(source.db);
    assert.deepEqual(publicSitePaths(target.db), paths);
    assert.ok(paths.some((p) => p.startsWith('/claims/')) && paths.some((p) => p.startsWith('/parties/')) && paths.some((p) => p.startsWith('/sources/')));
    const before = appOf(source);
    const rebuilt = appOf(target);
    for (const path of paths) {
      const [a, b] = await Promise.all([before.request(path), rebuilt.request(path)]);
      assert.equal(b.status, a.status, path);
      assert.equal(await b.text(), await a.text(), `${path} is the same after the import`);
    }
  });

  it('refuses to import the story twice, and writes nothing', () => {
    const counts = tableCounts(target);
    assert.throws(() => importStoryArchive(target.db, JSON.parse(archiveJson), importerId), /already exists/);
    assert.deepEqual(tableCounts(target), counts);
  });

  it('writes nothing from a broken archive', () => {
    const fresh = makeTestDb({ withStory: false });
    try {
      const broken = JSON.parse(archiveJson);
      broken.tables.stances[0].position = 'shrugs'; // breaks a CHECK half-way through
      assert.throws(() => importStoryArchive(fresh.db, broken, 1));
      const empty = tableCounts(fresh);
      assert.ok(Object.values(empty).every((n) => n === 0), JSON.stringify(empty));
      assert.throws(() => importStoryArchive(fresh.db, { format: 'something else' }, 1), /not a Claimdesk story archive/);
    } finally {
      fresh.close();
    }
  });

  it('gives new ids next to other data, with every reference following', async () => {
    const other = makeTestDb(); // holds the fixture story already: ids are taken, the parties exist
    try {
      const archive = JSON.parse(archiveJson);
      archive.tables.stories[0].slug = 'taurus-leak-copy';
      const admin = await createUser(other.db, { email: 'a@x.test', name: 'A', role: 'admin', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
      const result = importStoryArchive(other.db, archive, admin.id);
      assert.equal(result.idsKept, false);
      assert.ok(result.partiesReused > 0);
      const app = appOf(other);
      const copy = await app.request('/stories/taurus-leak-copy');
      assert.equal(copy.status, 200);
      const claims = other.db.$client.prepare("SELECT count(*) AS n FROM claims c JOIN stories s ON s.id = c.story_id WHERE s.slug = 'taurus-leak-copy' AND c.state = 'published'").get() as { n: number };
      assert.equal(claims.n, archive.tables.claims.filter((c: { state: string }) => c.state === 'published').length);
      const orphans = other.db.$client.prepare('PRAGMA foreign_key_check').all();
      assert.deepEqual(orphans, []);
    } finally {
      other.close();
    }
  });
});
