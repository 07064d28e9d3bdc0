/**
 * Security headers on every answer: a page rendered fresh (cache off), the first render that the
 * cache keeps, a page answered from memory (plain and compressed), a 304 revalidation, a 404,
 * and the desk. Over real HTTP, so the cache reads Node's own request headers as in production.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { makeTestDb, startTestServer, testConfig, type TestDb, type TestServer } from '../helpers/app.js';

const REQUIRED = ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'x-request-id'];

function assertSecure(headers: Headers, what: string) {
  for (const name of REQUIRED) assert.ok(headers.get(name), `${what}: ${name}`);
  assert.match(headers.get('content-security-policy')!, /frame-ancestors 'none'/, what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
}

describe('security headers, cached and fresh', () => {
  let server: TestServer;
  let fresh: TestDb;
  let freshApp: ReturnType<typeof createApp>;
  before(async () => {
    server = await startTestServer();
    fresh = makeTestDb();
    freshApp = createApp({ db: fresh.db, config: testConfig(), log: () => {}, cachePages: false });
  });
  after(async () => {
    await server.stop();
    fresh.close();
  });

  const pages = ['/', '/stories/taurus-leak', '/claims/1', '/corrections', '/corrections.atom'];

  test('every public page: fresh, first render, from memory, compressed, 304', async () => {
    for (const path of pages) {
      const rendered = await freshApp.request(path);
      assert.equal(rendered.status, 200, path);
      assertSecure(rendered.headers, `${path} fresh`);

      const first = await fetch(server.url + path);
      await first.arrayBuffer();
      assertSecure(first.headers, `${path} first render`);
      const kept = await fetch(server.url + path);
      await kept.arrayBuffer();
      assertSecure(kept.headers, `${path} from memory`);
      assert.equal(kept.headers.get('etag'), first.headers.get('etag'), path);
      assert.notEqual(kept.headers.get('x-request-id'), first.headers.get('x-request-id'), `${path}: a request id of its own`);
      const compressed = await fetch(server.url + path, { headers: { 'Accept-Encoding': 'br, gzip' } });
      await compressed.arrayBuffer();
      assertSecure(compressed.headers, `${path} compressed`);
      const revalidated = await fetch(server.url + path, { headers: { 'If-None-Match': first.headers.get('etag')! } });
      assert.equal(revalidated.status, 304, path);
      assertSecure(revalidated.headers, `${path} 304`);
    }
  });

  test('a request id sent by a proxy is kept on a page from memory', async () => {
    const kept = await fetch(`${server.url}/stories/taurus-leak`, { headers: { 'X-Request-Id': 'proxy-id-123' } });
    await kept.arrayBuffer();
    assert.equal(kept.headers.get('x-request-id'), 'proxy-id-123');
  });

  test('not found and the desk', async () => {
    for (const path of ['/no/such/page', '/desk', '/login']) {
      const response = await fetch(server.url + path, { redirect: 'manual' });
      await response.arrayBuffer();
      assertSecure(response.headers, path);
    }
  });
});
