/**
 * The search index's triggers (migrations 0007 and 0013): after every kind of write the index holds exactly
 * what indexing the tables afresh would, row for row, and FTS5's own integrity check passes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestDb } from '../helpers/app.js';

/** What the migration writes for the rows there are: the index rebuilt from scratch. */
const FRESH = `
  SELECT c.id * 4 AS rowid, c.statement AS title, p.name AS speaker,
    concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id),
      nullif(c.original_statement, ''), (SELECT group_concat(r.text, ' ') FROM claim_renderings r WHERE r.claim_id = c.id AND r.position > 0)) AS notes,
    concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2),
      (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id)) AS tags
  FROM claims c JOIN parties p ON p.id = c.party_id
  UNION ALL SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
    concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id FROM parties p
  UNION ALL SELECT q.id * 4 + 2, q.proposition, q.short_label, '', 'xs' || q.story_id || ' xq' || q.id FROM questions q
  UNION ALL SELECT so.id * 4 + 3, so.title, concat_ws(' ', so.publisher, so.author), so.description, '' FROM sources so`;

type Row = { rowid: number; title: string; speaker: string | null; notes: string | null; tags: string | null };
const norm = (rows: Row[]) =>
  rows
    .map((r) => ({ ...r, speaker: r.speaker ?? '', notes: r.notes ?? '', tags: (r.tags ?? '').split(' ').filter(Boolean).sort().join(' ') }))
    .sort((a, b) => a.rowid - b.rowid);

test('every write keeps the index equal to a fresh one', () => {
  const { db, close } = makeTestDb();
  const sql = db.$client;
  const check = (step: string) => {
    assert.deepEqual(norm(sql.prepare('SELECT rowid, title, speaker, notes, tags FROM search_index').all() as Row[]), norm(sql.prepare(FRESH).all() as Row[]), step);
    sql.prepare("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)").run();
  };
  try {
    check('after loading the fixture story');
    const steps: [string, string][] = [
      ['a claim edited', "UPDATE claims SET statement = 'Edited words', venue = 'A new venue', rating_explanation_md = 'Because.' WHERE id = 1"],
      ['a claim moved to another speaker and date', "UPDATE claims SET party_id = 2, said_on = '2024-04-01' WHERE id = 2"],
      ['a stance note changed', "UPDATE stances SET note = 'A new stance note' WHERE id = (SELECT min(id) FROM stances)"],
      ['a stance moved to another question', 'UPDATE stances SET question_id = (SELECT max(id) FROM questions) WHERE id = (SELECT max(id) FROM stances)'],
      ['a stance removed', 'DELETE FROM stances WHERE id = (SELECT min(id) FROM stances)'],
      ['a stance added', "INSERT INTO stances (claim_id, question_id, position, note) VALUES (1, (SELECT max(id) FROM questions), 'denies', 'Added')"],
      ['a party renamed and redescribed', "UPDATE parties SET name = 'Someone Else', description = 'New description' WHERE id = 1"],
      ['an alias added', "INSERT INTO party_aliases (party_id, alias) VALUES (1, 'The New Alias')"],
      ['aliases removed', 'DELETE FROM party_aliases WHERE party_id = 2'],
      ['a role retitled', "UPDATE party_roles SET title = 'New role' WHERE id = (SELECT min(id) FROM party_roles)"],
      ['a role removed', 'DELETE FROM party_roles WHERE id = (SELECT max(id) FROM party_roles)'],
      ['a question reworded', "UPDATE questions SET proposition = 'A new proposition', short_label = 'New?' WHERE id = 1"],
      ['a source retitled', "UPDATE sources SET title = 'A new title', publisher = 'New Publisher', author = 'An Author', description = 'Desc' WHERE id = 1"],
      ['a party created', "INSERT INTO parties (slug, name, kind) VALUES ('brand-new', 'Brand New', 'person')"],
      ['a source created', "INSERT INTO sources (title, publisher, kind) VALUES ('Fresh', 'Pub', 'news_report')"],
      ['a claim created', "INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision) VALUES (1, (SELECT max(id) FROM parties), 'Brand new claim', 'paraphrase', 'factual', '2024-05-01', 'day')"],
      ['a draft claim deleted', "DELETE FROM claims WHERE statement = 'Brand new claim'"],
      ['a party deleted', "DELETE FROM parties WHERE slug = 'brand-new'"],
      ['a source deleted', "DELETE FROM sources WHERE title = 'Fresh'"],
      ['an original recorded', "UPDATE claims SET original_statement = 'Testwörter im Original' WHERE id = 4"],
      ['a second rendering added', "INSERT INTO claim_renderings (claim_id, position, text, language, source_id) VALUES (4, 1, 'Another outlet''s words', 'en', 1)"],
      ['a rendering reworded', "UPDATE claim_renderings SET text = 'Other words again' WHERE claim_id = 4 AND position = 1"],
      ['a rendering removed', 'DELETE FROM claim_renderings WHERE claim_id = 4 AND position = 1'],
      ['the lead rendering rewritten as a save does (deleted, then inserted)', "DELETE FROM claim_renderings WHERE claim_id = 5 AND position = 0; INSERT INTO claim_renderings (claim_id, position, text, language) SELECT 5, 0, statement, 'en' FROM claims WHERE id = 5"],
      ['a rendering moved to the lead and back', "INSERT INTO claim_renderings (claim_id, position, text, language) VALUES (6, 7, 'Moving words', 'en'); UPDATE claim_renderings SET position = 0 WHERE claim_id = 6 AND position = 0; DELETE FROM claim_renderings WHERE claim_id = 6 AND position = 0; UPDATE claim_renderings SET position = 0 WHERE claim_id = 6 AND position = 7"],
      ['a claim published, retracted', "UPDATE claims SET state = 'retracted' WHERE id = 3"],
    ];
    for (const [step, statement] of steps) {
      sql.exec(statement);
      check(step);
    }
  } finally {
    close();
  }
});
