/**
 * A story exported as JSON and imported into an empty database gives the same public site: every
 * page, feed, per-story download and API answer of the story is compared byte for byte (ids and
 * slugs are kept when the database is empty). Also: a second import is refused, a broken archive
 * writes nothing, and an import next to other data gives new ids with every reference following.
 * Languages and renderings (ADR 027) travel too, in pending edits and revisions as well, and an
 * archive of version 1 (before renderings) still imports, each claim getting its lead rendering.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { readClaimMeta } from '../../src/claims/record.js';
import { addRendering, setOriginal } from '../../src/claims/rendering-service.js';
import { leadSourceOf } from '../../src/claims/renderings.js';
import { publicSitePaths } from '../../src/export/site-paths.js';
import { publishClaim } from '../../src/review/service.js';
import { ARCHIVE_VERSION, exportStoryArchive, importStoryArchive } from '../../src/stories/archive.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb, testConfig, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from '../helpers/app.js';

let source: TestDb;
let target: TestDb;
let archiveJson: string;
let importerId: number;
/** The fixture's “chance hit” claim: given its original German words (published) and a newsroom translation (pending). */
let chanceHit: number;
const ORIGINAL = 'Es muss also davon ausgegangen werden, dass der Zugriff auf diese Konferenz ein Zufallstreffer war.';
const NEWSROOM = 'It has to be assumed that access to this conference was a random hit.';

const appOf = (db: TestDb) => createApp({ db: db.db, config: testConfig(), log: () => {}, cachePages: false });
const tableCounts = (db: TestDb) =>
  Object.fromEntries(
    ['stories', 'parties', 'claims', 'stances', 'citations', 'claim_renderings', 'sources', 'source_snapshots', 'quote_checks', 'revisions', 'corrections'].map((t) => [
      t,
      (db.db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

before(async () => {
  source = makeTestDb();
  // A correction and a retraction, so that /corrections and the claim pages show them.
  const editor = await createUser(source.db, { email: 'ed@newsroom.test', name: 'Ed', role: 'editor', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
  const actor = { id: editor.id, role: 'editor' as const };
  chanceHit = source.db.$client.prepare("SELECT id FROM claims WHERE statement LIKE '%chance hit%'").pluck().get() as number;
  const original = setOriginal(source.db, actor, chanceHit, readClaimMeta(source.db, chanceHit).version, { language: 'de', original: ORIGINAL, comment: '' });
  assert.equal(original.kind, 'saved', JSON.stringify(original));
  const published = publishClaim(source.db, actor, chanceHit, readClaimMeta(source.db, chanceHit).version, { overrideReason: 'test', correctionNote: 'We added the original German words.' });
  assert.equal(published.kind, 'saved', JSON.stringify(published));
  const pending = addRendering(source.db, actor, chanceHit, readClaimMeta(source.db, chanceHit).version, { text: NEWSROOM, language: 'en', source: '', translatedBy: 'newsroom', translatorName: '', comment: '' });
  assert.equal(pending.kind, 'saved', JSON.stringify(pending));
  assert.ok(readClaimMeta(source.db, chanceHit).pendingRevisionId, 'the new rendering waits for review');
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
    assert.equal(archive.version, ARCHIVE_VERSION);
    for (const table of ['parties', 'party_roles', 'party_aliases', 'questions', 'claims', 'stances', 'citations', 'claim_renderings', 'sources', 'source_snapshots', 'revisions', 'corrections']) {
      assert.ok(archive.tables[table].length > 0, table);
    }
    assert.ok(archive.tables.source_snapshots.every((s: { sha256: string }) => /^[0-9a-f]{64}$/.test(s.sha256)));
    assert.doesNotMatch(archiveJson, /password_hash|ed@newsroom\.test/, 'no user accounts in the file');
    const claim = archive.tables.claims.find((c: { id: number }) => c.id === chanceHit);
    assert.equal(claim.language, 'de');
    assert.equal(claim.original_statement, ORIGINAL);
    assert.ok(archive.tables.sources.some((s: { language: string }) => s.language === 'de'), 'sources keep their language');
    assert.equal(archive.tables.claim_renderings.length, archive.tables.claims.length, 'one (lead) rendering per claim; the newsroom’s waits in the pending edit');
    const pending = archive.tables.revisions.find((r: { id: number }) => r.id === claim.pending_revision_id);
    assert.deepEqual(JSON.parse(pending.snapshot).record.renderings.map((r: { translatedBy: string | null }) => r.translatedBy), ['outlet', 'newsroom']);
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
      // Renderings, and the renderings inside revisions and the pending edit, name the copy's own sources.
      const copied = other.db.$client.prepare("SELECT c.id, c.pending_revision_id AS pending FROM claims c JOIN stories s ON s.id = c.story_id WHERE s.slug = 'taurus-leak-copy' ORDER BY c.id").all() as { id: number; pending: number | null }[];
      assert.equal(copied.length, archive.tables.claims.length);
      const cited = (claimId: number) => new Set(other.db.$client.prepare('SELECT source_id FROM citations WHERE claim_id = ?').pluck().all(claimId));
      for (const { id } of copied) {
        const rows = other.db.$client.prepare('SELECT position, source_id AS sourceId, text FROM claim_renderings WHERE claim_id = ? ORDER BY position').all(id) as { sourceId: number; text: string }[];
        assert.equal(rows.length, 1, `claim ${id} has its lead rendering`);
        assert.ok(cited(id).has(rows[0]!.sourceId), `claim ${id}'s lead rendering names a source it cites`);
        const snapshots = other.db.$client.prepare("SELECT snapshot FROM revisions WHERE entity_type = 'claim' AND entity_id = ?").pluck().all(id) as string[];
        for (const snapshot of snapshots) {
          for (const r of JSON.parse(snapshot).record.renderings ?? []) assert.ok(r.sourceId === null || cited(id).has(r.sourceId), `claim ${id}'s revision names its own source`);
        }
      }
      const withPending = copied.find((c) => c.pending !== null)!;
      const record = JSON.parse(other.db.$client.prepare('SELECT snapshot FROM revisions WHERE id = ?').pluck().get(withPending.pending) as string).record;
      assert.equal(record.originalStatement, ORIGINAL);
      assert.deepEqual(record.renderings.map((r: { text: string }) => r.text).slice(1), [NEWSROOM]);
    } finally {
      other.close();
    }
  });

  it('imports an archive of version 1, made before renderings, giving each claim its lead rendering as migration 0012 did', async () => {
    const fresh = makeTestDb({ withStory: false });
    try {
      // As a Claimdesk before languages wrote it: no renderings, no language columns, records without language fields.
      const archive = JSON.parse(archiveJson);
      archive.version = 1;
      delete archive.tables.claim_renderings;
      for (const claim of archive.tables.claims) {
        delete claim.language;
        delete claim.original_statement;
      }
      for (const s of archive.tables.sources) delete s.language;
      for (const revision of archive.tables.revisions) {
        const snapshot = JSON.parse(revision.snapshot);
        if (snapshot.record) for (const field of ['language', 'originalStatement', 'renderings']) delete snapshot.record[field];
        revision.snapshot = JSON.stringify(snapshot);
      }
      const admin = await createUser(fresh.db, { email: 'a@x.test', name: 'A', role: 'admin', password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
      importStoryArchive(fresh.db, archive, admin.id);
      const claims = fresh.db.$client.prepare('SELECT id, statement, language, original_statement AS original FROM claims ORDER BY id').all() as { id: number; statement: string; language: string | null; original: string }[];
      assert.equal(claims.length, archive.tables.claims.length);
      for (const claim of claims) {
        assert.equal(claim.language, null, 'the language is not guessed');
        assert.equal(claim.original, '');
        const citations = fresh.db.$client.prepare('SELECT source_id AS sourceId, role FROM citations WHERE claim_id = ? ORDER BY id').all(claim.id) as { sourceId: number; role: string }[];
        const renderings = fresh.db.$client.prepare('SELECT position, text, language, source_id AS sourceId, translated_by AS translatedBy, translator_name AS translatorName FROM claim_renderings WHERE claim_id = ?').all(claim.id);
        assert.deepEqual(renderings, [{ position: 0, text: claim.statement, language: 'en', sourceId: leadSourceOf(citations), translatedBy: null, translatorName: '' }]);
      }
      assert.equal(fresh.db.$client.prepare("SELECT count(*) FROM sources WHERE language <> 'en'").pluck().get(), 0);
      assert.deepEqual(fresh.db.$client.prepare('PRAGMA foreign_key_check').all(), []);
      const page = await appOf(fresh).request(`/claims/${chanceHit}`);
      assert.equal(page.status, 200);
      assert.throws(() => importStoryArchive(fresh.db, { ...archive, version: 3 }, admin.id), /not a Claimdesk story archive \(version 1 or 2\)/);
    } finally {
      fresh.close();
    }
  });
});
