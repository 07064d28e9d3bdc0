/**
 * The page cache's bound in bytes: however many pages are visited, what it keeps stays under its
 * budget, the least recently used page goes first, and a page too large for it is served, not kept.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { createPageCache, pageShows } from '../../src/http/page-cache.js';
import { makeTestDb, type TestDb } from '../helpers/app.js';

let testDb: TestDb;
before(() => (testDb = makeTestDb({ withStory: false })));
after(() => testDb.close());

test('bounded in bytes, least recently used out, oversized pages not kept', async () => {
  const app = new Hono();
  let renders = 0;
  app.get('/claims/:id', (c) => {
    renders++;
    pageShows(c, [`claim:${c.req.param('id')}`]);
    // Incompressible enough that the kept gzip and br copies are not tiny.
    const size = c.req.param('id') === 'huge' ? 200_000 : 20_000;
    return c.text(Array.from({ length: size }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join(''));
  });
  const cache = createPageCache(testDb.db, { maxBytes: 1_000_000 });
  const fetch = cache.wrap(app.fetch);
  const get = async (path: string) => (await fetch(new Request(`http://localhost${path}`))).arrayBuffer();

  for (let i = 0; i < 100; i++) {
    await get(`/claims/${i}`);
    assert.ok(cache.stats().bytes <= 1_000_000, `after ${i + 1} pages: ${cache.stats().bytes} bytes`);
  }
  assert.ok(cache.stats().entries < 100 && cache.stats().entries > 5, `${cache.stats().entries} kept`);
  // The most recent page is still there; the first was pushed out.
  const before = renders;
  await get('/claims/99');
  assert.equal(renders, before, 'the last page is kept');
  await get('/claims/0');
  assert.equal(renders, before + 1, 'the first page was pushed out');

  await get('/claims/huge');
  await get('/claims/huge');
  assert.equal(renders, before + 3, 'a page over an eighth of the budget is rendered each time');
});
