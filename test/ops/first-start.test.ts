/**
 * Two servers started at once on a new database file (src/ops/first-start.ts): migrating,
 * loading the first story and creating the first admin happen once, under one write
 * transaction; the second process waits for it and then serves. Both serve, and the database
 * has one story and one admin. Three rounds, each on a fresh file, to give the race its chances.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { freePort } from '../hardening/backup-support.js';
import { openDatabase } from '../../src/db.js';
import { prepareDatabaseForServing } from '../../src/ops/first-start.js';
import { exitWithin, spawnServer, waitUntilServing, type Spawned } from '../server/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-race-'));
const started: Spawned[] = [];
after(() => {
  for (const spawned of started) spawned.killGroup();
  fs.rmSync(dir, { recursive: true, force: true });
});

for (const [round, env] of [
  [1, { ADMIN_EMAIL: 'race@newsroom.test', ADMIN_PASSWORD: 'a long race test password' }],
  [2, {}],
  [3, { ADMIN_EMAIL: 'race@newsroom.test', ADMIN_PASSWORD: 'a long race test password' }],
] as const) {
  test(`round ${round}: two servers started at once on a new database both serve; one story, one admin`, { timeout: 90_000 }, async () => {
    const file = path.join(dir, `race-${round}.sqlite`);
    const ports = [await freePort(), await freePort()];
    const servers = ports.map((port) => spawnServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, ...env }));
    started.push(...servers);
    try {
      await Promise.all(servers.map((server, i) => waitUntilServing(`http://127.0.0.1:${ports[i]}`, server, 60_000)));
    } finally {
      for (const server of servers) server.child.kill('SIGTERM');
    }
    for (const server of servers) assert.equal((await exitWithin(server, 20_000)).code, 0, server.output().slice(-2000));

    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.prepare('SELECT count(*) FROM stories').pluck().get(), 1);
      assert.deepEqual(db.prepare('SELECT role FROM users').pluck().all(), ['admin']);
      assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'user_created'").pluck().get(), 1);
    } finally {
      db.close();
    }
    const printed = servers.filter((server) => /one-time password/.test(server.output())).length;
    assert.equal(printed, 'ADMIN_PASSWORD' in env ? 0 : 1, 'a generated password is printed by the one process that created the admin');
  });
}

test('a start gathers planner statistics, so public queries use the indexes at any size', async () => {
  const file = path.join(dir, 'statistics.sqlite');
  const db = openDatabase(file);
  try {
    await prepareDatabaseForServing(db, { email: 'stats@newsroom.test', password: 'a long statistics password' }, { logN: 10 });
    const analysed = db.$client.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').pluck().all();
    for (const table of ['claims', 'stances', 'citations']) assert.ok(analysed.includes(table), `statistics for ${table}: ${analysed.join(', ')}`);
  } finally {
    db.$client.close();
  }
});
