/**
 * The connection hands back an already prepared statement for SQL it has seen: the answers must be
 * the same as from a fresh one, whatever modes an earlier caller set on it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as t from '../../db/schema/index.js';
import { makeTestDb } from '../helpers/app.js';

test('a reused statement forgets the pluck, raw and expand modes an earlier caller set', () => {
  const { db, close } = makeTestDb({ withStory: false });
  try {
    const sql = 'SELECT 1 AS one, 2 AS two';
    assert.equal(db.$client.prepare(sql).pluck().get(), 1);
    assert.deepEqual(db.$client.prepare(sql).get(), { one: 1, two: 2 });
    assert.deepEqual(db.$client.prepare(sql).raw().get(), [1, 2]);
    assert.deepEqual(db.$client.prepare(sql).get(), { one: 1, two: 2 });
    assert.deepEqual(db.$client.prepare(sql).expand().get(), { $: { one: 1, two: 2 } });
    assert.deepEqual(db.$client.prepare(sql).all(), [{ one: 1, two: 2 }]);
    // Writes and drizzle's own queries through the same cache.
    db.insert(t.parties).values({ slug: 'a-party', name: 'A Party', kind: 'person' }).run();
    db.insert(t.parties).values({ slug: 'b-party', name: 'B Party', kind: 'person' }).run();
    assert.equal(db.select().from(t.parties).where(eq(t.parties.slug, 'b-party')).get()?.name, 'B Party');
    assert.deepEqual(db.select({ name: t.parties.name }).from(t.parties).where(eq(t.parties.slug, 'a-party')).all(), [{ name: 'A Party' }]);
  } finally {
    close();
  }
});

test('a statement still being iterated is not handed out again', () => {
  const { db, close } = makeTestDb({ withStory: false });
  try {
    const sql = 'SELECT value FROM json_each(?)';
    const outer = db.$client.prepare(sql).pluck();
    const seen: unknown[] = [];
    for (const value of outer.iterate('[1,2]')) {
      // The same SQL inside the loop: a fresh statement, and the outer iteration goes on.
      seen.push([value, db.$client.prepare(sql).pluck().all('[7,8]')]);
    }
    assert.deepEqual(seen, [
      [1, [7, 8]],
      [2, [7, 8]],
    ]);
  } finally {
    close();
  }
});
