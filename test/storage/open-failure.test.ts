/**
 * A database that cannot be opened or written at start-up (src/storage/open-failure.ts): the
 * server stops with one line naming DATABASE_PATH and the likely cause, no stack trace, exit 1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { exitWithin, spawnServer, type Spawned } from '../server/process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-open-'));
const started: Spawned[] = [];
after(() => {
  for (const spawned of started) spawned.killGroup();
  for (const entry of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, entry), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startWith(databasePath: string) {
  const server = spawnServer({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, ADMIN_PASSWORD: 'a long open failure password' });
  started.push(server);
  const exit = await exitWithin(server, 30_000);
  const lines = server.stderr().trim().split('\n');
  return { exit, lines, stderr: server.stderr() };
}

function assertOneLine(result: { exit: { code: number | null }; lines: string[]; stderr: string }, file: string) {
  assert.equal(result.exit.code, 1, result.stderr);
  assert.equal(result.lines.length, 1, `one line:\n${result.stderr}`);
  assert.ok(result.lines[0]!.includes(`DATABASE_PATH=${file}`), result.stderr);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
}

/** A folder this process cannot create files in: permission bits for a normal user; for root, a file system that refuses. */
function readOnlyFolder(): string | null {
  const candidates: string[] = [];
  if (process.getuid?.() !== 0) {
    const folder = path.join(dir, 'read-only');
    fs.mkdirSync(folder);
    fs.chmodSync(folder, 0o555);
    candidates.push(folder);
  }
  candidates.push('/sys');
  for (const folder of candidates) {
    const probe = path.join(folder, `.claimdesk-probe-${process.pid}`);
    try {
      fs.closeSync(fs.openSync(probe, 'wx'));
      fs.rmSync(probe, { force: true });
    } catch {
      return folder;
    }
  }
  return null;
}

test('a database in a folder that is not writable: the folder must be writable for the -wal and -shm files', { timeout: 60_000 }, async (t) => {
  const folder = readOnlyFolder();
  if (!folder) return t.skip('no read-only folder available to this user');
  const file = path.join(folder, 'claimdesk.sqlite');
  const result = await startWith(file);
  assertOneLine(result, file);
  assert.match(result.lines[0]!, new RegExp(`the folder ${folder} is not writable`));
  assert.match(result.lines[0]!, /claimdesk\.sqlite-wal and claimdesk\.sqlite-shm/);
});

test('a database whose folder cannot be created (a file is in the way)', { timeout: 60_000 }, async () => {
  const blocker = path.join(dir, 'not-a-folder');
  fs.writeFileSync(blocker, 'a file, not a folder');
  const file = path.join(blocker, 'data', 'claimdesk.sqlite');
  const result = await startWith(file);
  assertOneLine(result, file);
  assert.match(result.lines[0]!, new RegExp(`${blocker} is a file, not a folder`));
});

test('a database file that is not a database', { timeout: 60_000 }, async () => {
  const file = path.join(dir, 'garbage.sqlite');
  fs.writeFileSync(file, 'this is not an SQLite database, only text '.repeat(200));
  const result = await startWith(file);
  assertOneLine(result, file);
  assert.match(result.lines[0]!, /SQLITE_NOTADB/);
});
