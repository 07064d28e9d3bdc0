/**
 * `npm run export`: every file written is byte for byte what the live app answers at its address,
 * drafts never appear, and the command itself runs against a database file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { exportStaticSite, fileFor } from '../../src/export/static-site.js';
import { makeTestDb, testConfig, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
let dir: string;
before(() => {
  testDb = makeTestDb();
  testDb.db.$client.exec(`INSERT INTO claims (story_id, party_id, statement, form, type, said_on, date_precision, state)
    SELECT story_id, party_id, 'A DRAFT NOBODY MAY SEE', 'paraphrase', 'factual', '2024-03-02', 'day', 'draft' FROM claims LIMIT 1`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-export-'));
});
after(() => {
  testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('maps addresses to files a static host serves', () => {
  assert.equal(fileFor('/', 'text/html'), 'index.html');
  assert.equal(fileFor('/claims/3', 'text/html; charset=UTF-8'), 'claims/3/index.html');
  assert.equal(fileFor('/api/v1/claims/3', 'application/json'), 'api/v1/claims/3/index.json');
  assert.equal(fileFor('/stories/x/claims.csv', 'text/csv'), 'stories/x/claims.csv');
});

it('writes the whole public site, byte-identical to the live answers', async () => {
  const app = createApp({ db: testDb.db, config: testConfig(), log: () => {} });
  const files = await exportStaticSite(testDb.db, app, dir);
  assert.ok(files.length > 50, `${files.length} files`);
  for (const kind of ['index.html', 'corrections.atom', 'api/v1/openapi.json', 'api/v1/claims/1/index.json', 'stories/taurus-leak/index.html', 'sources/1/index.html', '404.html']) {
    assert.ok(files.some((f) => f.file === kind), kind);
  }
  assert.ok(files.some((f) => /^assets\/style\.[0-9a-f]+\.css$/.test(f.file)));
  // A fresh app, so that nothing is answered from the same cache that wrote the files.
  const live = createApp({ db: testDb.db, config: testConfig(), log: () => {}, cachePages: false });
  for (const file of files.filter((f) => f.file !== '404.html')) {
    const response = await live.request(file.path);
    const expected = Buffer.from(await response.arrayBuffer());
    assert.ok(fs.readFileSync(path.join(dir, file.file)).equals(expected), `${file.file} matches ${file.path}`);
  }
  const all = files.map((f) => fs.readFileSync(path.join(dir, f.file), 'utf8')).join('\n');
  assert.doesNotMatch(all, /A DRAFT NOBODY MAY SEE/);
});

it('runs as npm run export', () => {
  const out = path.join(dir, 'cli');
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/export-site.ts', out], {
    env: { ...process.env, DATABASE_PATH: testDb.file },
    encoding: 'utf8',
  });
  assert.match(stdout, /Exported \d+ files/);
  assert.ok(fs.existsSync(path.join(out, 'stories', 'taurus-leak', 'index.html')));
  assert.throws(() => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/export-site.ts', out], { env: { ...process.env, DATABASE_PATH: testDb.file }, stdio: 'pipe' }), /not empty/);
});
