/**
 * The review queue reads its page in order from the partial index claims_waiting
 * (db/schema/story.ts), however long the queue: SQLite uses that index only while the queue's
 * condition contains the index's own, so a change to either is caught here, not in production.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { reviewQueue } from '../../src/claims/desk-lists.js';
import { makeTestDb, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
before(() => (testDb = makeTestDb()));
after(() => testDb.close());

test('a page of the review queue and its count read the claims_waiting index, and sort nothing', () => {
  const sqlite = testDb.db.$client;
  const Statement = Object.getPrototypeOf(sqlite.prepare('SELECT 1'));
  const ran: string[] = [];
  const originals = { all: Statement.all, get: Statement.get };
  for (const method of ['all', 'get'] as const) {
    Statement[method] = function (this: { source: string }, ...args: unknown[]) {
      ran.push(this.source);
      return originals[method].apply(this, args);
    };
  }
  try {
    reviewQueue(testDb.db, 2, 20);
  } finally {
    Object.assign(Statement, originals);
  }
  assert.equal(ran.length, 2, ran.join('\n'));
  for (const statement of ran) {
    const parameters = (statement.match(/\?/g) ?? []).map(() => 20);
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
    assert.ok(plan.some((step) => /USING (COVERING )?INDEX claims_waiting\b/.test(step)), `${statement}\n${plan.join('\n')}`);
    assert.ok(!plan.some((step) => /TEMP B-TREE/.test(step)), `${statement}\n${plan.join('\n')}`);
  }
});
