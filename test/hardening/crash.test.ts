/**
 * The short crash test for `npm test` (the long one is `npm run test:crash`): a few rounds of a
 * child process running the real app and writing claims over HTTP, killed with SIGKILL at random
 * moments and restarted on the same file (crash-harness.ts). Every acknowledged write must
 * survive with its revision, and the file must pass integrity_check. Also checks that the app's
 * connection has the pragmas the durability claims rest on, and that the checker itself notices a
 * lost write.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../../src/db.js';
import { loadFirstStoryIfEmpty } from '../../fixtures/load.js';
import { runCrashRounds, summaryLine, verifyDatabase } from './crash-harness.js';

test('SIGKILL at random moments loses no acknowledged write', { timeout: 90_000 }, async (t) => {
  const seed = Math.floor(Math.random() * 2 ** 31);
  const summary = await runCrashRounds({ rounds: 4, seed, killWindowMs: 700, minKillDelayMs: 150, earlyKillShare: 0 });
  const line = summaryLine(summary);
  t.diagnostic(line);
  assert.deepEqual(summary.lost, [], line);
  assert.deepEqual(summary.problems, [], line);
  assert.equal(summary.integrity, 'ok', line);
  assert.ok(summary.acknowledged > 0, `some writes were acknowledged: ${line}`);
  assert.ok(summary.killed >= 2, `the child was killed: ${line}`);
  assert.deepEqual(summary.pragmas, { journal_mode: 'wal', synchronous: '2', foreign_keys: '1', busy_timeout: '5000' }, 'WAL, synchronous=FULL, foreign keys, busy timeout');
});

test('the checker reports an acknowledged claim that is not in the database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-crash-check-'));
  try {
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    migrateDatabase(db);
    loadFirstStoryIfEmpty(db);
    db.$client.close();
    const migrations = (JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../db/migrations/meta/_journal.json', import.meta.url)), 'utf8')) as { entries: unknown[] }).entries.length;
    const check = verifyDatabase(file, { creates: new Map([[999_999, 'never-written']]), submits: new Set([1]) }, migrations);
    assert.equal(check.lost.length, 2, check.lost.join('\n'));
    assert.match(check.lost[0]!, /999999.*missing/);
    assert.deepEqual(check.problems, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
