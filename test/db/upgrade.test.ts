/**
 * Each migration applied to a database that already holds data, as a running newsroom's would:
 * the rows survive, foreign keys still hold, and the integrity check passes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrateDatabase, openDatabase } from '../../src/db.js';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../db/migrations');
type Journal = { entries: { idx: number; tag: string }[] };
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;

/** A migrations folder holding only the first `count` migrations. */
function firstMigrations(dir: string, count: number): string {
  const folder = path.join(dir, `migrations-${count}`);
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

for (let applied = 1; applied < journal.entries.length; applied++) {
  test(`migrating a populated database from ${journal.entries[applied - 1]!.tag} to the latest keeps every row`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-upgrade-'));
    const db = openDatabase(path.join(dir, 'old.sqlite'));
    try {
      migrate(db, { migrationsFolder: firstMigrations(dir, applied) });
      const sql = db.$client;
      sql.exec(`
        INSERT INTO stories (id, slug, title, summary_md, starts_on) VALUES (1, 'old-story', 'Old story', 'S', '2024-01-01');
        INSERT INTO parties (id, slug, name, kind) VALUES (1, 'old-party', 'Old Party', 'person');
        INSERT INTO questions (id, story_id, slug, proposition, short_label, position) VALUES (1, 1, 'q', 'P', 'P?', 0);
        INSERT INTO sources (id, title, publisher, kind) VALUES (1, 'Old source', 'Old Times', 'news_report');
        INSERT INTO source_snapshots (id, source_id, text, sha256, captured_by) VALUES (1, 1, 'He said: “we were right”.', '${'a'.repeat(64)}', 'fixtures');
        INSERT INTO claims (id, story_id, party_id, statement, form, type, said_on, date_precision, state)
          VALUES (1, 1, 1, 'we were right', 'verbatim', 'opinion', '2024-01-02', 'day', 'published');
        INSERT INTO stances (claim_id, question_id, position) VALUES (1, 1, 'asserts');
        INSERT INTO citations (claim_id, source_id, role, passage) VALUES (1, 1, 'reports', 'He said: “we were right”.');
      `);
      // Once renderings exist (0012) the app writes a claim's lead rendering with it; so does this seed.
      if (sql.prepare("SELECT 1 FROM sqlite_master WHERE name = 'claim_renderings'").get() !== undefined) {
        sql.exec("INSERT INTO claim_renderings (claim_id, position, text, language, source_id) VALUES (1, 0, 'we were right', 'en', 1)");
      }
      const hasAudit = sql.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_events'").get() !== undefined;
      if (hasAudit) {
        sql.exec(`
          INSERT INTO users (id, email, name, role, password_hash) VALUES (7, 'old@newsroom.test', 'Old Admin', 'admin', 'x');
          INSERT INTO audit_events (id, actor_id, action, detail) VALUES (41, 7, 'user_created', '{"email":"old@newsroom.test"}');
        `);
      }
      migrateDatabase(db);
      if (hasAudit) {
        assert.deepEqual(sql.prepare('SELECT id, actor_id, action FROM audit_events').all(), [{ id: 41, actor_id: 7, action: 'user_created' }]);
      }
      // Actions added by later migrations are accepted, and unknown ones still refused.
      sql.prepare("INSERT INTO audit_events (actor_id, action) VALUES (NULL, 'password_reset')").run();
      sql.prepare("INSERT INTO audit_events (actor_id, action) VALUES (NULL, 'login_unlocked')").run();
      assert.throws(() => sql.prepare("INSERT INTO audit_events (actor_id, action) VALUES (NULL, 'teleported')").run(), /CHECK/);
      assert.ok((sql.prepare('SELECT max(id) FROM audit_events').pluck().get() as number) > (hasAudit ? 41 : 0), 'ids keep growing');
      assert.equal(sql.prepare('SELECT statement FROM claims WHERE id = 1').pluck().get(), 'we were right');
      assert.equal(sql.prepare('SELECT count(*) FROM citations').pluck().get(), 1);
      // 0012: the claim became an English rendering of itself, cited as it was; sources and claims have a language.
      assert.deepEqual(
        sql.prepare('SELECT claim_id, position, text, language, source_id, translated_by FROM claim_renderings').all(),
        [{ claim_id: 1, position: 0, text: 'we were right', language: 'en', source_id: 1, translated_by: null }],
      );
      assert.equal(sql.prepare('SELECT language FROM sources WHERE id = 1').pluck().get(), 'en');
      assert.deepEqual(sql.prepare('SELECT language, original_statement FROM claims WHERE id = 1').get(), { language: null, original_statement: '' });
      assert.throws(() => sql.prepare("UPDATE sources SET language = 'x' WHERE id = 1").run(), /CHECK/);
      assert.throws(() => sql.prepare('DELETE FROM sources WHERE id = 1').run(), /FOREIGN KEY/);
      assert.equal(sql.prepare('SELECT text FROM source_snapshots WHERE id = 1').pluck().get(), 'He said: “we were right”.');
      assert.equal(sql.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get(), journal.entries.length);
      assert.deepEqual(sql.pragma('foreign_key_check'), []);
      assert.equal(sql.pragma('integrity_check', { simple: true }), 'ok');
      // The constraints the later migrations add hold on the upgraded tables too.
      assert.throws(() => sql.prepare("UPDATE source_snapshots SET origin = 'telepathy' WHERE id = 1").run(), /CHECK/);
      const claimIndexes = sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims'").pluck().all();
      for (const name of ['claims_updated', 'claims_pending_edit', 'claims_state_published', 'claims_story_state_published', 'claims_story_state_party_date']) assert.ok(claimIndexes.includes(name), `index ${name}`);
      assert.ok(!claimIndexes.includes('claims_story_state_party'), 'the prefix index 0010 replaces is gone');
      // The search index (0007) holds the rows that were already there, and follows new writes.
      const found = (word: string) => sql.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid').pluck().all(word);
      assert.deepEqual(found('right'), [1 * 4], 'the old claim, indexed by the migration (stemmed: right)');
      assert.deepEqual(found('"old party"'), [1 * 4, 1 * 4 + 1], 'its speaker, and the party itself');
      assert.deepEqual(found('"old source"'), [1 * 4 + 3]);
      sql.prepare("UPDATE parties SET name = 'Renamed Party' WHERE id = 1").run();
      assert.deepEqual(found('renamed'), [1 * 4, 1 * 4 + 1]);
      // 0013: a claim is found by its original and by another rendering too.
      sql.prepare("UPDATE claims SET original_statement = 'wir hatten recht' WHERE id = 1").run();
      sql.prepare("INSERT INTO claim_renderings (claim_id, position, text, language, source_id) VALUES (1, 1, 'we had it right', 'en', 1)").run();
      assert.deepEqual(found('recht'), [1 * 4]);
      assert.deepEqual(found('"had it right"'), [1 * 4]);
      // FTS5's own check that the index matches its content: it throws when they differ.
      sql.prepare("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)").run();
      // Suggestions set aside (0009) hang on an upgraded capture: one per capture and key, a
      // well-formed key, gone with their capture.
      sql.prepare("INSERT INTO suggestion_dismissals (snapshot_id, suggestion_key) VALUES (1, '0123456789abcdef')").run();
      assert.throws(() => sql.prepare("INSERT INTO suggestion_dismissals (snapshot_id, suggestion_key) VALUES (1, '0123456789abcdef')").run(), /UNIQUE/);
      assert.throws(() => sql.prepare("INSERT INTO suggestion_dismissals (snapshot_id, suggestion_key) VALUES (1, 'short')").run(), /CHECK/);
      // The story summaries (0010, 0011) are filled from the claims already there, and kept by triggers.
      assert.deepEqual(sql.prepare('SELECT story_id, party_id, claims FROM story_party_counts').all(), [{ story_id: 1, party_id: 1, claims: 1 }]);
      assert.deepEqual(sql.prepare('SELECT question_id, party_id, position, claims FROM question_party_positions').all(), [
        { question_id: 1, party_id: 1, position: 'asserts', claims: 1 },
      ]);
      sql.prepare("UPDATE claims SET state = 'retracted' WHERE id = 1").run();
      assert.equal(sql.prepare('SELECT count(*) FROM story_party_counts').pluck().get(), 0);
      assert.equal(sql.prepare('SELECT count(*) FROM question_party_positions').pluck().get(), 0);
      const auditIndexes = sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events'").pluck().all();
      for (const name of ['audit_events_at', 'audit_events_target']) assert.ok(auditIndexes.includes(name), `index ${name}`);
    } finally {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
