/**
 * `/healthz`'s count of published claims is kept between checks, and follows every publish,
 * correction and retraction (each changes the publication generation) — never a stale figure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseHealth } from '../../src/ops/health.js';
import { retractClaim } from '../../src/review/service.js';
import { createUser } from '../../src/users/service.js';
import { makeTestDb } from '../helpers/app.js';

test('the published count is kept between checks and follows a retraction', async () => {
  const { db, close } = makeTestDb();
  try {
    const before = databaseHealth(db).database.publishedClaims as number;
    assert.ok(before > 0);
    assert.equal(databaseHealth(db).database.publishedClaims, before, 'asked again: the same figure');
    const editor = await createUser(db, { email: 'health@newsroom.test', name: 'Health Editor', role: 'editor', password: 'a long health test password' }, null, { logN: 10 });
    const claim = db.$client.prepare("SELECT id, version FROM claims WHERE state = 'published' ORDER BY id LIMIT 1").get() as { id: number; version: number };
    const outcome = retractClaim(db, { id: editor.id, role: 'editor' }, claim.id, claim.version, 'Retracted for the health test.');
    assert.equal(outcome.kind, 'saved');
    assert.equal(databaseHealth(db).database.publishedClaims, before - 1);
  } finally {
    close();
  }
});
