/**
 * The database enforces the model: migrations apply to an empty file, CHECK constraints refuse
 * values outside each enum, foreign keys refuse orphans and protect what claims rest on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrateDatabase } from '../../src/db.js';
import { makeTestDb } from '../helpers/app.js';

describe('migrations', () => {
  test('create every table on an empty database, and running them again changes nothing', () => {
    const { db, close } = makeTestDb({ withStory: false });
    try {
      const tables = db.$client
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all();
      for (const name of ['stories', 'parties', 'party_roles', 'party_aliases', 'story_parties', 'questions', 'claims', 'stances', 'sources', 'source_snapshots', 'citations', 'publication_state']) {
        assert.ok(tables.includes(name), `missing table ${name}`);
      }
      const before = db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
      migrateDatabase(db);
      assert.equal(db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get(), before);
    } finally {
      close();
    }
  });

  test('the connection runs in WAL mode with synchronous=FULL and foreign keys on', () => {
    const { db, close } = makeTestDb({ withStory: false });
    try {
      assert.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.$client.pragma('synchronous', { simple: true }), 2);
      assert.equal(db.$client.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      close();
    }
  });

  test('apply to a populated database opened by a plain connection', () => {
    const { file, db, close } = makeTestDb();
    try {
      db.$client.close();
      const raw = new Database(file);
      assert.equal(raw.prepare("SELECT count(*) FROM claims WHERE state = 'published'").pluck().get(), 31);
      raw.close();
    } finally {
      close();
    }
  });
});

describe('constraints', () => {
  function withDb(run: (sql: Database.Database) => void) {
    const { db, close } = makeTestDb();
    try {
      run(db.$client);
    } finally {
      close();
    }
  }
  const insertClaim = (sql: Database.Database, overrides: Record<string, unknown>) =>
    sql
      .prepare(
        `INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state)
         VALUES (@story_id, @party_id, @statement, @form, @type, @said_on, @date_precision, @state)`,
      )
      .run({
        story_id: 1,
        party_id: 1,
        statement: 'A statement.',
        form: 'paraphrase',
        type: 'factual',
        said_on: '2024-03-05',
        date_precision: 'day',
        state: 'draft',
        ...overrides,
      });

  test('a valid claim can be inserted', () => withDb((sql) => assert.doesNotThrow(() => insertClaim(sql, {}))));

  for (const [column, value] of [
    ['form', 'rumour'],
    ['type', 'gossip'],
    ['date_precision', 'someday'],
    ['state', 'live'],
    ['said_on', '5 March 2024'],
    ['statement', '   '],
  ] as const) {
    test(`refuses claims.${column} = ${JSON.stringify(value)}`, () =>
      withDb((sql) => assert.throws(() => insertClaim(sql, { [column]: value }), /CHECK constraint failed/)));
  }

  test('refuses a claim by a party that does not exist', () =>
    withDb((sql) => assert.throws(() => insertClaim(sql, { party_id: 9999 }), /FOREIGN KEY constraint failed/)));

  test('refuses a stance outside asserts/denies/qualifies/declines', () =>
    withDb((sql) =>
      assert.throws(
        () => sql.prepare("INSERT INTO stances (claim_id, question_id, position) VALUES (1, 1, 'maybe')").run(),
        /CHECK constraint failed/,
      ),
    ));

  test('refuses a second stance of one claim on one question', () =>
    withDb((sql) => {
      const existing = sql.prepare('SELECT claim_id, question_id FROM stances LIMIT 1').get() as { claim_id: number; question_id: number };
      assert.throws(
        () => sql.prepare("INSERT INTO stances (claim_id, question_id, position) VALUES (?, ?, 'asserts')").run(existing.claim_id, existing.question_id),
        /UNIQUE constraint failed/,
      );
    }));

  test('refuses bad slugs and duplicate slugs', () =>
    withDb((sql) => {
      const insert = sql.prepare("INSERT INTO parties (slug, name, kind) VALUES (?, 'X', 'person')");
      assert.throws(() => insert.run('Boris Pistorius'), /CHECK constraint failed/);
      assert.throws(() => insert.run('-leading-dash'), /CHECK constraint failed/);
      assert.throws(() => insert.run('boris-pistorius'), /UNIQUE constraint failed/);
    }));

  test('a source, a claim or a question that something rests on cannot be deleted', () =>
    withDb((sql) => {
      assert.throws(() => sql.prepare('DELETE FROM sources WHERE id = 1').run(), /FOREIGN KEY constraint failed/);
      assert.throws(() => sql.prepare('DELETE FROM claims WHERE id = 1').run(), /FOREIGN KEY constraint failed/);
      assert.throws(() => sql.prepare('DELETE FROM questions WHERE id = 1').run(), /FOREIGN KEY constraint failed/);
    }));

  test('refuses a source URL that is not http(s) and a source kind outside the list', () =>
    withDb((sql) => {
      const insert = sql.prepare("INSERT INTO sources (title, publisher, kind, url) VALUES ('T', 'P', ?, ?)");
      assert.throws(() => insert.run('news_report', 'javascript:alert(1)'), /CHECK constraint failed/);
      assert.throws(() => insert.run('blog', null), /CHECK constraint failed/);
    }));
});
