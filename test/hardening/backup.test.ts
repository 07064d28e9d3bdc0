/**
 * `npm run backup` and `npm run restore` against Claimdesk running as in production (its own
 * process, real HTTP): a backup taken while claims are being written holds every claim
 * acknowledged before it started and passes integrity_check; an existing backup is not replaced
 * without --force; a restore is refused while the app runs, and for files that are not Claimdesk
 * databases; once the app is stopped, the restore keeps the replaced database aside and the app
 * serves the backup's public pages again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Client } from '../helpers/app.js';
import { EDITOR, JOURNALIST, prepareDatabase, runTool, signIn, startServer, writeClaim, type Run, type ServerProcess } from './backup-support.js';

const PUBLIC_PAGES = ['/', '/stories/taurus-leak', '/claims/1', '/parties/dmitry-peskov', '/sources/1', '/corrections'];

function assertRefused(run: Run, message: RegExp) {
  assert.equal(run.code, 1, `exit code 1 (stdout: ${run.stdout} stderr: ${run.stderr})`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(run.stderr.trim().split('\n').length <= 2, true, `a short message: ${run.stderr}`);
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

async function publicPages(url: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const page of PUBLIC_PAGES) {
    const response = await fetch(url + page);
    assert.equal(response.status, 200, page);
    // Absolute addresses (a claim's canonical link) name the server's origin, a new port each start.
    pages.set(page, (await response.text()).replaceAll(url, 'ORIGIN').replaceAll(encodeURIComponent(url), 'ORIGIN'));
  }
  return pages;
}

/** The directory's file names, for "nothing was left behind or changed". */
const listing = (dir: string) => fs.readdirSync(dir).sort();

describe('backup and restore', () => {
  let dir: string;
  let live: string;
  let backupFile: string;
  let server: ServerProcess | null = null;
  let journalist: Client;
  let ackedBeforeBackup: Map<number, string>;
  let writtenAfterBackup: number;
  let pagesAtBackup: Map<string, string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-backup-'));
    fs.mkdirSync(path.join(dir, 'db'));
    fs.mkdirSync(path.join(dir, 'backups'));
    live = path.join(dir, 'db', 'claimdesk.sqlite');
    backupFile = path.join(dir, 'backups', 'first.sqlite');
    await prepareDatabase(live);
    server = await startServer(live);
    journalist = await signIn(server.url, JOURNALIST);
  });

  after(async () => {
    await server?.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a backup taken while claims are written holds every claim acknowledged before it started', async () => {
    const acked = new Map<number, string>();
    for (let n = 0; n < 5; n++) acked.set(await writeClaim(journalist, `before-${n}`), `before-${n}`);
    pagesAtBackup = await publicPages(server!.url);

    // A second journalist's session keeps writing while the backup runs.
    let writing = true;
    let written = 0;
    let writerError: unknown = null;
    const writer = (async () => {
      try {
        for (let n = 0; writing && n < 2000; n++) {
          const marker = `during-${n}`;
          acked.set(await writeClaim(journalist, marker), marker);
          written++;
        }
      } catch (error) {
        writerError = error;
      }
    })();
    while (written < 3 && writerError === null) await new Promise((resolve) => setTimeout(resolve, 10));

    ackedBeforeBackup = new Map(acked);
    const run = await runTool('backup', [backupFile], live);
    const writtenByThen = written;
    while (written < writtenByThen + 2 && writerError === null) await new Promise((resolve) => setTimeout(resolve, 10));
    writing = false;
    await writer;
    assert.equal(writerError, null, String(writerError));

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Backup written: ${backupFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(run.stdout, /size: .*\(\d+ bytes\)/);
    assert.match(run.stdout, /contains: +1 story, \d+ claims, \d+ revisions, \d+ users/);
    assert.match(run.stdout, /integrity: ok/);
    assert.equal(fs.statSync(backupFile).mode & 0o777, 0o600, 'readable by its owner only');
    assert.deepEqual(listing(path.join(dir, 'backups')), ['first.sqlite'], 'no temporary or -wal file left');

    readOnly(backupFile, (db) => {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(db.pragma('journal_mode', { simple: true }), 'delete', 'one self-contained file');
      const claim = db.prepare('SELECT statement FROM claims WHERE id = ?').pluck();
      const revision = db.prepare("SELECT count(*) FROM revisions WHERE entity_type = 'claim' AND entity_id = ? AND version = 1").pluck();
      for (const [id, marker] of ackedBeforeBackup) {
        assert.match(String(claim.get(id)), new RegExp(`BACKUP-TEST ${marker}:`), `claim ${id} (${marker}) is in the backup`);
        assert.equal(revision.get(id), 1, `claim ${id} has its revision in the backup`);
      }
      const newest = Math.max(...acked.keys());
      assert.equal(claim.get(newest), undefined, 'a claim written after the backup finished is not in it');
    });
    writtenAfterBackup = Math.max(...acked.keys());
  });

  test('an existing backup is not replaced without --force', async () => {
    const before = fs.readFileSync(backupFile);
    assertRefused(await runTool('backup', [backupFile], live), /already exists.*--force/);
    assert.ok(fs.readFileSync(backupFile).equals(before), 'the backup is untouched');

    const other = path.join(dir, 'backups', 'second.sqlite');
    fs.writeFileSync(other, 'an older file');
    const forced = await runTool('backup', [other, '--force'], live);
    assert.equal(forced.code, 0, forced.stderr);
    readOnly(other, (db) => assert.equal(db.pragma('integrity_check', { simple: true }), 'ok'));
    fs.rmSync(other);

    const [none, nowhere, itself] = await Promise.all([
      runTool('backup', [], live),
      runTool('backup', [path.join(dir, 'nowhere', 'x.sqlite')], live),
      runTool('backup', [live], live),
    ]);
    assertRefused(none, /Give the backup file/);
    assertRefused(nowhere, /directory .* does not exist/);
    assertRefused(itself, /cannot be the database itself/);
  });

  test('a restore is refused while the app runs', async () => {
    const files = listing(path.join(dir, 'db'));
    const run = await runTool('restore', [backupFile], live);
    assertRefused(run, /in use by another process.*Stop it/);
    assert.deepEqual(listing(path.join(dir, 'db')), files, 'nothing kept aside, no temporary file left');
    // The app did not notice: it still serves and writes.
    assert.equal((await fetch(`${server!.url}/healthz`)).status, 200);
    await writeClaim(journalist, 'after-refused-restore');
  });

  test('after the backup, an editor publishes: the public pages change', async () => {
    const submitted = await journalist.post(`/desk/claims/${writtenAfterBackup}/submit`, { version: '1' });
    assert.equal(submitted.status, 303);
    const editor = await signIn(server!.url, EDITOR);
    const published = await editor.post(`/desk/review/${writtenAfterBackup}/publish`, { version: '2', override_reason: 'Backup test: published after the backup.' });
    assert.equal(published.status, 303, published.body.slice(0, 300));
    const now = await publicPages(server!.url);
    assert.notEqual(now.get('/stories/taurus-leak'), pagesAtBackup.get('/stories/taurus-leak'));
  });

  test('files that are not Claimdesk databases are refused', async () => {
    const stopped = await server!.stop('SIGTERM');
    assert.equal(stopped.code, 0, server!.output().slice(-1000));
    server = null;
    const files = listing(path.join(dir, 'db'));
    const liveBytes = fs.readFileSync(live);

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'Not a database: meeting notes about the leak.\n'.repeat(50));
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const foreign = path.join(dir, 'other-app.sqlite');
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')");
    db.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const copy = fs.readFileSync(backupFile);
    copy.fill(0x5a, 8192, 16384); // Two pages of a table overwritten.
    fs.writeFileSync(damaged, copy);

    const cases: [string[], RegExp][] = [
      [[text], /notes\.txt is not a SQLite database\.$/m],
      [[empty], /is not a SQLite database \(it is empty\)/],
      [[foreign], /is a SQLite database but not a Claimdesk database/],
      [[damaged], /is damaged|fails SQLite.s integrity check/],
      [[path.join(dir, 'missing.sqlite')], /does not exist/],
      [[], /Give the backup file/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runTool('restore', args, live)));
    runs.forEach((run, index) => assertRefused(run, cases[index]![1]));

    assert.deepEqual(listing(path.join(dir, 'db')), files, 'the database directory is untouched');
    assert.ok(fs.readFileSync(live).equals(liveBytes), 'the database is untouched');
  });

  test('with the app stopped, the restore keeps the old database aside and the app serves the backup', async () => {
    const run = await runTool('restore', [backupFile], live);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Restored .*first\.sqlite/);
    assert.match(run.stdout, /integrity: ok/);
    const kept = /kept as (.+)$/m.exec(run.stdout)?.[1];
    assert.ok(kept, run.stdout);
    assert.match(path.basename(kept), /^claimdesk\.sqlite\.before-restore-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    assert.deepEqual(
      listing(path.join(dir, 'db')),
      ['claimdesk.sqlite', path.basename(kept)],
      'no -wal, -shm or temporary file left beside the restored database',
    );
    // The database that was replaced is complete: it has the claim written after the backup.
    readOnly(kept, (db) => {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(db.prepare("SELECT state FROM claims WHERE id = ?").pluck().get(writtenAfterBackup), 'published');
    });

    server = await startServer(live);
    const pages = await publicPages(server.url);
    for (const page of PUBLIC_PAGES) assert.equal(pages.get(page), pagesAtBackup.get(page), `${page} is as it was at the backup`);

    const client = await signIn(server.url, JOURNALIST);
    for (const id of ackedBeforeBackup.keys()) assert.equal((await client.get(`/desk/claims/${id}`)).status, 200, `claim ${id}`);
    assert.equal((await client.get(`/desk/claims/${writtenAfterBackup}`)).status, 404, 'the claim written after the backup is gone');
    await writeClaim(client, 'after-restore');

    const stopped = await server.stop('SIGTERM');
    assert.equal(stopped.code, 0);
    server = null;
  });
});
