/**
 * Public pages carry what a CDN needs: Cache-Control with s-maxage and stale-while-revalidate,
 * an ETag and a Last-Modified that move only when the page's bytes do, and 304s for both kinds
 * of conditional GET.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { makeTestDb, testConfig, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
let app: ReturnType<typeof createApp>;
before(() => {
  testDb = makeTestDb();
  app = createApp({ db: testDb.db, config: testConfig(), log: () => {} });
});
after(() => testDb.close());

const PAGES = ['/', '/stories/taurus-leak', '/claims/1', '/parties/boris-pistorius', '/sources/1', '/corrections', '/corrections.atom'];

it('sends CDN caching headers on every public page, and 304s', async () => {
  for (const path of PAGES) {
    const page = await app.request(path);
    assert.equal(page.status, 200, path);
    assert.match(page.headers.get('cache-control') ?? '', /^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/, path);
    const etag = page.headers.get('etag');
    const modified = page.headers.get('last-modified');
    assert.match(etag ?? '', /^W\/"[\w-]+"$/, path);
    assert.ok(modified && !Number.isNaN(Date.parse(modified)), path);
    assert.equal((await app.request(path, { headers: { 'If-None-Match': etag! } })).status, 304, path);
    assert.equal((await app.request(path, { headers: { 'If-Modified-Since': modified! } })).status, 304, path);
    assert.equal((await app.request(path, { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).status, 200, path);
  }
});

it('keeps ETag and Last-Modified when a publish elsewhere re-renders a page without changing it', async () => {
  const first = await app.request('/claims/1');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  // A change this process does not know the extent of: every kept page is dropped and re-rendered.
  testDb.db.$client.prepare('UPDATE publication_state SET generation = generation + 1').run();
  const again = await app.request('/claims/1');
  assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  assert.equal(again.headers.get('last-modified'), first.headers.get('last-modified'));
});
